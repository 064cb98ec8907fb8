import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import EmulatorCore
import Foundation
import PartnerCenterModels

/// A seeded, deterministic simulation of the sync core, in the spirit of FoundationDB's and
/// TigerBeetle's simulation testing: the real engine (reconcile, audit feed, outbox, claims,
/// SQLite) and the real Partner Center client (tokens, limiter, retries) run against an
/// in-process Partner Center (`SimulatedWire`) on one executor the driver steps; the
/// seed decides every delivery, fault, crash, operator edit and other admin's change; an
/// oracle checks the promises after every step and at quiescence.
public enum Simulation {
    /// The fields operators and other admins change in the simulation.
    public static let fields = ["defaultAddress.city", "defaultAddress.addressLine1", "defaultAddress.phoneNumber",
                                "defaultAddress.firstName", "defaultAddress.lastName"]

    /// Every field the oracle follows: the fields above and the rest of the address, which
    /// address edits and accepted suggestions change (`SimulationDriver+Addresses`).
    public static let oracleFields = fields + ["defaultAddress.addressLine2", "defaultAddress.state",
                                               "defaultAddress.postalCode", "defaultAddress.country"]

    /// Runs one seed in `directory` (its database file is removed afterwards).
    public static func run(seed: UInt64, options: SimulationOptions = SimulationOptions(), directory: String) -> SimulationReport {
        let path = "\(directory)/simulation-\(seed).db"
        defer {
            if !options.keepDatabase {
                for suffix in ["", "-wal", "-shm", ".refresh-token"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let driver = SimulationDriver(seed: seed, options: options, databasePath: path)
        return driver.run()
    }
}

/// Drives one seed's world step by step.
final class SimulationDriver {
    var rng: SeededGenerator
    let options: SimulationOptions
    /// This seed's own weights of faults, crashes, noise and long stops.
    let swarm: SimulationSwarm
    /// Whether this seed runs the Azure mirror, and its own stream for every Azure decision.
    var azure: SimulationAzure
    let world: SimulationWorld
    var oracle: SimulationOracle
    var report: SimulationReport
    var daemon: SimulatedProcess?
    var connection: Connection?
    var operatorStore: StoreWriter?
    var counter = 0
    var operatorViews: [CustomerID: (etag: String?, json: String)] = [:]
    var forbidden: Set<CustomerID> = []
    var stuck: Set<CustomerID> = []
    var faultsActive = true

    init(seed: UInt64, options: SimulationOptions, databasePath: String) {
        rng = .simulationDriver(seed: seed)
        self.options = options
        swarm = SimulationSwarm(seed: seed, options: options)
        azure = SimulationAzure(seed: seed, options: options)
        world = SimulationWorld(seed: seed, customers: options.customers, databasePath: databasePath,
                                addressValidation: swarm.addressValidation, legacyAddressContract: swarm.legacyAddressContract,
                                staleETagAs2055: swarm.staleETagAs2055, requestTimeout: options.requestTimeout,
                                azure: azure.enabled ? azure : nil)
        if azure.enabled {
            let state = world.state
            azure.resolveProfile(among: world.perform { await state.armBillingProfiles(account: SimulationAzure.profileScopedAccount) })
            world.azureSettings = azure.settings
        }
        report = SimulationReport(seed: seed)
        report.azure = azure.enabled
        oracle = SimulationOracle(fields: Simulation.oracleFields, policy: swarm.addressValidation)
        world.storageFaults = SimulatedStorageFaults(seed: seed, rate: swarm.storageFaultRate)
    }

    func run() -> SimulationReport {
        do {
            world.storageFaults.isActive = false
            daemon = try world.start(.daemon)
            world.storageFaults.isActive = true
            connection = try Connection(path: world.databasePath, mode: .readWrite, options: SimulationWorld.connectionOptions)
            let clock = world.clock
            operatorStore = try StoreWriter(path: world.databasePath, options: SimulationWorld.connectionOptions, placement: .inline,
                                            now: { clock.date })
            world.executor.runJobs()
            trace(swarm.description + (azure.enabled ? ", \(azure.description)" : ""))
            if rng.roll(options.warmStart) { try warmUp() }
            for _ in 0..<options.steps {
                try step()
                guard oracle.violations.isEmpty else { return finish() }
            }
            try settle()
        } catch {
            oracle.fail("the simulation itself failed: \(error)")
        }
        return finish()
    }

    private func finish() -> SimulationReport {
        report.violations = oracle.violations
        report.storageFaults = world.storageFaults.injected
        report.puts = world.events.putCount
        report.addressChecks = world.events.addressCheckCount
        if azure.enabled {
            let state = world.state
            report.armRequests = world.perform { await state.armRequestCount() }
            report.armThrottled = world.perform { await state.armRequestCount(status: 429) }
        }
        if let rows = try? connection?.query("SELECT status, count(*) AS n FROM outbox GROUP BY status", []) {
            for row in rows { report.outcomes[row.string("status") ?? "?"] = Int(row.int64("n") ?? 0) }
        }
        if let rows = try? connection?.query("SELECT id, status, last_error FROM outbox ORDER BY id", []) {
            report.edits = rows.map { "edit \($0.int64("id") ?? 0): \($0.string("status") ?? "?")\($0.string("last_error").map { " — \($0)" } ?? "")" }
        }
        world.shutdown()
        if let operatorStore { world.perform { await operatorStore.close() } }
        connection?.close()
        return report
    }

    func trace(_ line: String) {
        report.trace.append("[\(report.steps) t=\(world.clock.now.offset.secondsText)s] \(line)")
        if report.trace.count > options.traceLines { report.trace.removeFirst(report.trace.count - options.traceLines) }
    }

    // MARK: One step

    private func step() throws {
        report.steps += 1
        try expireCalls(upTo: world.clock.now)
        // Before the step's own decision, while no job is runnable (its own stream: see `SimulationAzure`).
        azureStep()
        let roll = rng.index(1000)
        switch roll {
        case 0..<450: deliver()
        case 450..<600: fireTimerUnlessCallsWouldTimeOut()
        case 600..<720: try queueEdit()
        case 720..<780: adminChange()
        case 780..<795: changeCustomerSet()
        case 795..<815: startSyncOnce()
        case 815..<840: toggleForbidden()
        case 840..<850:
            world.switches.credentialsOutage.toggle()
            trace("credentials outage \(world.switches.credentialsOutage ? "begins" : "ends")")
        case 850..<870: restartDaemonIfDown()
        default:
            if swarm.addressValidation == .require, rng.roll(0.6) {
                reviewStep()
            } else if rng.roll(swarm.noiseRate) {
                auditNoise()
            } else if rng.roll(swarm.longStopRate) {
                try longStop()
            } else {
                deliver()
            }
        }
        try runJobs(crashing: rng.roll(swarm.crashRate))
        try afterStep()
    }

    /// Runs the runnable jobs; with `crashing`, the daemon dies after a random number of them
    /// (at any await point of the engine), then the rest unwind.
    private func runJobs(crashing: Bool) throws {
        if crashing, let daemon {
            let ran = world.executor.runJobs(limit: rng.index(max(world.executor.queuedJobs, 1) * 3 + 1))
            if !world.executor.isIdle { report.crashesMidStep += 1 }
            trace("CRASH daemon \(daemon.life.id) after \(ran) jobs of this step")
            world.crash(daemon)
            self.daemon = nil
            report.crashes += 1
            if rng.roll(0.7) { try startDaemon() }
        }
        world.executor.runJobs()
    }

    func afterStep() throws {
        world.reapEnded()
        if let daemon, daemon.hasEnded {
            trace("daemon \(daemon.life.id) exited by itself; restarting it (as systemd would)")
            self.daemon = nil
            try startDaemon()
        }
        oracle.checkPuts(world.events)
        if let connection {
            try oracle.checkOutbox(connection)
            if azure.enabled { try oracle.checkAzureTables(connection, profile: azure.profile) }
        }
    }

    func startDaemon() throws {
        let started: SimulatedProcess
        do {
            started = try world.start(.daemon)
        } catch let error as SQLiteError {
            // A storage fault while opening or migrating: it fails to start, as under systemd.
            trace("daemon fails to start: \(error)")
            return
        }
        daemon = started
        trace("daemon \(started.life.id) starts")
        world.executor.runJobs()
    }

    private func restartDaemonIfDown() {
        if daemon == nil { try? startDaemon() } else { deliver() }
    }

    /// Lets the first full reconcile finish without faults (a daemon that ran before).
    private func warmUp() throws {
        faultsActive = false
        world.storageFaults.isActive = false
        defer {
            faultsActive = true
            world.storageFaults.isActive = true
        }
        for _ in 0..<options.settleLimit {
            report.steps += 1
            deliver()
            world.executor.runJobs()
            try afterStep()
            if try connection?.queryFirst("SELECT value FROM sync_checkpoints WHERE key = ?", [Reconciler.lastSuccessKey]) != nil {
                trace("warm start: the first full reconcile finished")
                return
            }
        }
        oracle.fail("the first full reconcile did not finish without faults")
    }
}
