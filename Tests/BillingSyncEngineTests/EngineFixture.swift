import BillingSyncEngine
import BillingSyncFiles
import BillingSyncSQLite
import BillingSyncStore
import EmulatorCore
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// The engine built from its port, as the daemon composes it: a fresh database, the real
/// `PartnerCenterClient` over an in-memory wire to an emulated service (`InProcessEmulator`), and
/// the scheduler with its reconciler, pusher and feed poller. No daemon, no socket.
struct EngineFixture {
    let service: InProcessEmulator
    let folder: String
    let client: PartnerCenterClient
    let store: StoreWriter
    let scheduler: SyncScheduler

    var state: EmulatorState { service.state }
    var databasePath: String { Self.databasePath(in: folder) }
    var reconciler: Reconciler { scheduler.reconciler }
    var pusher: OutboxPusher { scheduler.pusher }
    var poller: AuditFeedPoller { scheduler.poller }

    /// What the daemon runs with against the emulator (`LoadedConfiguration.forEmulator`): the
    /// shipped defaults (address checks `warn`), 16 requests in flight, short push backoff and poll.
    static func engineConfiguration() -> EngineConfiguration {
        var engine = EngineConfiguration(maxConcurrency: 16, pushBackoffInitial: .milliseconds(50),
                                         pushBackoffMax: .milliseconds(500), outboxPollInterval: .milliseconds(200))
        engine.addressValidation = .warn
        return engine
    }

    /// The daemon's Partner Center client for `emulator` (App+User refresh token, rotated into the
    /// file beside the database), no client-side rate limit.
    static func clientConfiguration(_ emulator: EmulatorConfiguration, databasePath: String) -> PartnerCenterClientConfiguration {
        let credentials = emulator.credentials
        return PartnerCenterClientConfiguration(
            baseURL: "https://api.partnercenter.microsoft.com",
            credentials: ClientCredentials(
                tokenURL: "https://login.microsoftonline.com/\(emulator.tenantID)/oauth2/v2.0/token",
                clientID: credentials.clientID, tenantID: emulator.tenantID,
                grant: .refreshToken(clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken),
                form: .v2(scope: "https://api.partnercenter.microsoft.com/.default"),
                refreshTokenStore: RefreshTokenFile(databasePath: databasePath)),
            requestsPerMinute: nil)
    }

    static func start(customers: Int, seed: UInt64 = 11,
                      emulator adjustEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                      engine adjustEngine: (inout EngineConfiguration) -> Void = { _ in },
                      wire: (InProcessEmulator) -> any HTTPExchange = { $0 }) async throws -> EngineFixture {
        var configuration = EmulatorConfiguration(customerCount: customers, seed: seed)
        adjustEmulator(&configuration)
        let service = InProcessEmulator(configuration)
        let folder = try makeTemporaryFolder()
        let logger = Logger(label: "billing-sync.test")
        let client = PartnerCenterClient(configuration: clientConfiguration(configuration, databasePath: databasePath(in: folder)),
                                         exchange: wire(service), clock: .continuous, logger: logger)
        let store = try StoreWriter(path: databasePath(in: folder))
        var engine = engineConfiguration()
        adjustEngine(&engine)
        let context = SyncContext(client: client, store: store, configuration: engine, logger: logger)
        return EngineFixture(service: service, folder: folder, client: client, store: store,
                             scheduler: SyncScheduler(context: context))
    }

    /// A second, independent connection to the database file (as a reporting tool would have).
    func openConnection() throws -> Connection {
        try Connection(path: databasePath, mode: .readWrite)
    }

    func shutdown() async {
        await store.close()
    }

    /// Runs `body` with a started fixture and always shuts it down.
    static func with<T>(customers: Int, seed: UInt64 = 11,
                        emulator adjustEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                        engine adjustEngine: (inout EngineConfiguration) -> Void = { _ in },
                        wire: (InProcessEmulator) -> any HTTPExchange = { $0 },
                        _ body: (EngineFixture) async throws -> T) async throws -> T {
        let fixture = try await start(customers: customers, seed: seed, emulator: adjustEmulator, engine: adjustEngine,
                                      wire: wire)
        do {
            let result = try await body(fixture)
            await fixture.shutdown()
            return result
        } catch {
            await fixture.shutdown()
            throw error
        }
    }

    static func databasePath(in folder: String) -> String { folder + "/billing-sync.sqlite" }

    /// A new empty folder under the system's temporary directory.
    static func makeTemporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("billing-sync-engine-\(UUID().uuidString.prefix(8).lowercased())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
