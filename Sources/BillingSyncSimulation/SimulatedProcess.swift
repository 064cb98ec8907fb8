import AzureBillingClient
import BillingSyncEngine
import BillingSyncStore
import Logging
import PartnerCenterClient
import PartnerCenterModels
import Synchronization

/// One billing-sync process of a simulated world: the daemon (the shipped `SyncRuntime`) or a
/// `sync --once` beside it, with its own store connection, real `PartnerCenterClient` (over its
/// `SimulatedWire`, sharing the refresh-token file beside the database), claim owner and seeded
/// randomness. `crash()` stops it dead: no request of it reaches the service any more,
/// no transaction of it starts, and everything it held in memory is dropped.
final class SimulatedProcess: Sendable {
    enum Kind: String, Sendable {
        case daemon
        case syncOnce = "sync --once"
    }

    let kind: Kind
    let life: ProcessLife
    let store: StoreWriter
    let network: SimulatedNetwork
    /// What this process runs: the daemon's composition (`run()`) or `sync --once` (`runOnce()`).
    let runtime: SyncRuntime
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let ended = EndFlag()

    /// Opens the database (migrating it) and starts the process's tasks on the world's executor.
    /// `database.checkpoint_interval`'s shipped default: the simulated daemon checkpoints its WAL as the real one does.
    static let checkpointInterval: Duration = .seconds(300)

    init(kind: Kind, id: Int, world: SimulationWorld) throws {
        self.kind = kind
        self.life = ProcessLife(id: id)
        self.network = world.network
        let worldClock = world.clock
        let store = try StoreWriter(path: world.databasePath, options: world.processConnectionOptions, placement: .inline,
                                    now: { worldClock.date })
        self.store = store
        // The real client over the simulated wire, every wait of its transport on the world's clock
        // and every task of it on the world's executor.
        let wire = SimulatedWire(state: world.state, network: world.network, events: world.events, life: life,
                                 switches: world.switches, clock: world.clock)
        let random = SeededStream(seed: world.seed &* 0x9E37_79B9 &+ UInt64(id))
        let transportClock = TransportClock(world.clock, executor: world.executor, random: { random.next() })
        let logger = Logger(label: "billing-sync.simulation") { _ in SwiftLogNoOpLogHandler() }
        let service = PartnerCenterClient(configuration: world.clientConfiguration, exchange: wire, clock: transportClock,
                                          logger: logger)
        let clock = world.clock
        let owners = world.owners
        let environment = SyncEnvironment(
            clock: clock, now: { clock.date }, random: RandomSource(seed: world.seed &* 31 &+ UInt64(id)),
            owner: ClaimOwner(id: SimulationWorld.ownerID(id)) { other in owners.isAlive(other) })
        let context = SyncContext(client: service, store: store, configuration: world.engineConfiguration,
                                  environment: environment, observer: world.liveness, logger: logger)
        // With `[azure] enabled`, the daemon's ARM client over a wire of its own (its own
        // `Retry-After` watch, as it has its own limiter), sharing the refresh-token file.
        var azureMirror: AzureMirror?
        if let azureConfiguration = world.azureClientConfiguration, let settings = world.azureSettings {
            let azureWire = SimulatedWire(state: world.state, network: world.network, events: world.events, life: life,
                                          switches: world.switches, clock: world.clock)
            let azureRandom = SeededStream(seed: world.seed &* 0x85EB_CA6B &+ UInt64(id))
            let azureClock = TransportClock(world.clock, executor: world.executor, random: { azureRandom.next() })
            let azureClient = AzureBillingClient(configuration: azureConfiguration, exchange: azureWire, clock: azureClock,
                                                 logger: logger)
            azureMirror = AzureMirror(client: azureClient, store: store, settings: settings, observer: world.liveness,
                                      environment: environment, logger: logger)
        }
        let runtime = SyncRuntime(scheduler: SyncScheduler(context: context),
                                  azureMirror: azureMirror, checkpointInterval: Self.checkpointInterval)
        self.runtime = runtime
        let ended = self.ended
        let started = Task(executorPreference: world.executor) {
            defer { ended.set() }
            switch kind {
            case .daemon: try? await runtime.run()
            case .syncOnce: _ = try? await runtime.runOnce()
            }
        }
        task.withLock { $0 = started }
    }

    /// True once its tasks returned (a `sync --once` that finished, or a crashed process).
    var hasEnded: Bool { ended.isSet }

    /// Stops the process dead (see the type's description). The caller then runs the
    /// executor's jobs so its tasks unwind (harmlessly: the store is fenced, the service gone).
    func crash() {
        life.kill()
        store.fence()
        network.abandonAll(of: life.id)
        task.withLock { $0?.cancel() }
    }

    /// Ends a process that already stopped by itself (closes its connection).
    func close(on executor: SimulationExecutor) {
        store.fence()
        let store = store
        Task(executorPreference: executor) { await store.close() }
    }
}

/// Set once a process's tasks returned.
final class EndFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Which simulated processes still run (for claim owners).
final class OwnerRegistry: Sendable {
    private let alive = Mutex<Set<String>>([])

    func add(_ owner: String) { alive.withLock { _ = $0.insert(owner) } }
    func remove(_ owner: String) { alive.withLock { _ = $0.remove(owner) } }
    func isAlive(_ owner: String) -> Bool { alive.withLock { $0.contains(owner) } }
}

/// A seeded stream of random numbers shared by the tasks of one simulated process's client.
final class SeededStream: Sendable {
    private let generator: Mutex<SeededGenerator>

    init(seed: UInt64) { generator = Mutex(SeededGenerator(seed: seed)) }

    func next() -> UInt64 { generator.withLock { $0.next() } }
}
