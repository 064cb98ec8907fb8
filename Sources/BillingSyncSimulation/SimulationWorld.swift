import AzureBillingClient
import BillingSyncEngine
import BillingSyncFiles
import BillingSyncSQLite
import BillingSyncStore
import EmulatorCore
import Foundation
import Logging
import PartnerCenterClient
import Synchronization

/// Everything one seed's world holds: the executor all its tasks run on, virtual time, the
/// network, the simulated Partner Center (the emulator's state model), the database file and
/// the billing-sync processes using it.
final class SimulationWorld: @unchecked Sendable {
    let seed: UInt64
    let executor = SimulationExecutor()
    let clock: SimulatedClock
    let network: SimulatedNetwork
    let events = SimulationEvents()
    let switches = SimulationSwitches()
    let owners = OwnerRegistry()
    /// What the daemons report about their loops (the oracle's liveness check).
    let liveness = SimulationLiveness()
    /// Faults below the daemons' stores (set by the driver from the seed's swarm).
    var storageFaults = SimulatedStorageFaults(seed: 0, rate: 0)
    let state: EmulatorState
    let databasePath: String
    let engineConfiguration: EngineConfiguration
    /// The client every process builds: the shipped defaults, the emulator's app registration
    /// (an App+User refresh token, rotated by the emulated Entra ID and kept in the file beside
    /// the database) and the simulation's request timeout.
    let clientConfiguration: PartnerCenterClientConfiguration
    /// With `[azure] enabled`: the ARM client every process builds and what its mirror lists.
    let azureClientConfiguration: AzureBillingClientConfiguration?
    /// What each process's Azure mirror lists (set by the driver once ARM's profiles are known).
    var azureSettings: AzureMirrorSettings?
    private(set) var processes: [SimulatedProcess] = []
    private var nextProcessID = 1

    /// The world's epoch (virtual time zero).
    static let epoch = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z

    init(seed: UInt64, customers: Int, databasePath: String, addressValidation: AddressValidationPolicy = .off,
         legacyAddressContract: Bool = false, staleETagAs2055: Bool = false, requestTimeout: Duration = .seconds(30),
         azure: SimulationAzure? = nil) {
        self.seed = seed
        self.databasePath = databasePath
        let clock = SimulatedClock(epoch: Self.epoch)
        self.clock = clock
        network = SimulatedNetwork(clock: clock)
        var configuration = EmulatorConfiguration(customerCount: customers, seed: seed)
        configuration.now = { clock.date }
        configuration.logger = .init(label: "simulation.emulator") { _ in SwiftLogNoOpLogHandler() }
        configuration.addressValidationContract = legacyAddressContract ? .legacy : .current
        configuration.etagMismatch = staleETagAs2055 ? .badRequest2055 : .preconditionFailed
        configuration.rotatesRefreshTokens = true
        azure?.configure(&configuration)
        state = EmulatorState(configuration: configuration)
        let credentials = configuration.credentials
        let tenant = configuration.tenantID
        clientConfiguration = PartnerCenterClientConfiguration(
            baseURL: "https://api.partnercenter.microsoft.com",
            credentials: ClientCredentials(
                tokenURL: "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token", clientID: credentials.clientID,
                tenantID: tenant, grant: .refreshToken(clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken),
                form: .v2(scope: "https://api.partnercenter.microsoft.com/.default"),
                refreshTokenStore: RefreshTokenFile(databasePath: databasePath)),
            requestTimeout: requestTimeout)
        azureClientConfiguration = azure == nil ? nil : SimulationAzure.clientConfiguration(clientConfiguration)
        azureSettings = azure?.settings
        var engine = EngineConfiguration(
            pageSize: 4, maxConcurrency: 3, batchSize: 3, auditFeedEnabled: true, auditInterval: .seconds(60),
            fullResyncInterval: .seconds(600), fullResyncJitter: .seconds(60), spreadFullResync: nil,
            pushEnabled: true, maxPushAttempts: 4, pushBackoffInitial: .seconds(1), pushBackoffMax: .seconds(20),
            outboxPollInterval: .seconds(5))
        engine.pushClaimLease = .seconds(120)
        engine.addressValidation = addressValidation
        engineConfiguration = engine
    }

    static func ownerID(_ process: Int) -> String { "sim-process-\(process)" }

    /// The simulation's connections skip fsync (`synchronous = NORMAL` in WAL mode): its crashes
    /// stop a process, not the machine, and a committed transaction survives those either way.
    static let connectionOptions = ConnectionOptions(synchronous: .normal)

    /// The options of a billing-sync process's store: the world's storage faults injected.
    var processConnectionOptions: ConnectionOptions {
        var options = Self.connectionOptions
        options.storageFaults = storageFaults.injector
        return options
    }

    /// Starts a process (opening and migrating the database).
    func start(_ kind: SimulatedProcess.Kind) throws -> SimulatedProcess {
        let id = nextProcessID
        nextProcessID += 1
        owners.add(Self.ownerID(id))
        let process = try SimulatedProcess(kind: kind, id: id, world: self)
        processes.append(process)
        return process
    }

    /// Crashes a process and lets its tasks unwind.
    func crash(_ process: SimulatedProcess) {
        owners.remove(Self.ownerID(process.life.id))
        process.crash()
        executor.runJobs()
        process.close(on: executor)
        executor.runJobs()
        processes.removeAll { $0 === process }
    }

    /// Removes processes that ended by themselves (a finished `sync --once`).
    func reapEnded() {
        for process in processes where process.hasEnded {
            owners.remove(Self.ownerID(process.life.id))
            process.close(on: executor)
            executor.runJobs()
        }
        processes.removeAll { $0.hasEnded }
    }

    /// Runs async driver work (an operator's CLI call, another admin's change) on the world's
    /// executor until it is done, and returns its result.
    @discardableResult
    func perform<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = Mutex<T?>(nil)
        let done = Mutex(false)
        Task(executorPreference: executor) {
            let value = await body()
            box.withLock { $0 = value }
            done.withLock { $0 = true }
        }
        while !done.withLock({ $0 }) {
            if executor.runJobs(limit: 100_000) == 0 {
                preconditionFailure("simulation driver work is stuck: it waits for the network or the clock")
            }
        }
        return box.withLock { $0! }
    }

    /// Ends every process and closes the file.
    func shutdown() {
        for process in processes { crash(process) }
        executor.runJobs()
    }
}
