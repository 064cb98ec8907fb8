import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import PartnerCenterEmulator
import PartnerCenterModels

/// An emulator with `customers` customers, a fresh database and the engine wired to both.
struct EngineFixture {
    let environment: EmulatedEnvironment
    let components: DaemonComponents

    var emulator: PartnerCenterEmulator { environment.emulator }
    var state: EmulatorState { environment.emulator.state }
    var store: StoreWriter { components.store }
    var reconciler: Reconciler { components.scheduler.reconciler }
    var pusher: OutboxPusher { components.scheduler.pusher }
    var poller: AuditFeedPoller { components.scheduler.poller }

    static func start(customers: Int, seed: UInt64 = 11,
                      emulator adjustEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                      adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) async throws -> EngineFixture {
        var configuration = EmulatorConfiguration(customerCount: customers, seed: seed)
        adjustEmulator(&configuration)
        let environment = try await EmulatedEnvironment.start(configuration, adjust: adjust)
        return EngineFixture(environment: environment, components: try environment.components())
    }

    /// A second, independent connection to the database file (as a reporting tool would have).
    func openConnection() throws -> Connection {
        try Connection(path: environment.databasePath, mode: .readWrite)
    }

    func shutdown() async throws {
        await components.shutdownHTTP()
        try await environment.shutdown()
    }

    /// Runs `body` with a started fixture and always shuts it down.
    static func with<T>(customers: Int, seed: UInt64 = 11,
                        emulator adjustEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                        adjust: (inout BillingSyncConfiguration) -> Void = { _ in },
                        _ body: (EngineFixture) async throws -> T) async throws -> T {
        let fixture = try await start(customers: customers, seed: seed, emulator: adjustEmulator, adjust: adjust)
        do {
            let result = try await body(fixture)
            try await fixture.shutdown()
            return result
        } catch {
            try? await fixture.shutdown()
            throw error
        }
    }
}
