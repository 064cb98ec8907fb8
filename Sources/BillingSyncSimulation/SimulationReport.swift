/// What one seed of the simulation did and found.
public struct SimulationReport: Sendable {
    /// The seed (everything else follows from it).
    public let seed: UInt64
    /// Driver steps taken (workload and settling).
    public var steps = 0
    /// Processes crashed.
    public var crashes = 0
    /// Crashes that hit while jobs were still runnable (between two awaits of the engine).
    public var crashesMidStep = 0
    /// Billing-profile PUTs that reached the service.
    public var puts = 0
    /// Stops longer than the service keeps audit records (100 days).
    public var longStops = 0
    /// Audit records that change nothing, added to the feed.
    public var noiseRecords = 0
    /// Storage faults injected below the daemons' stores.
    public var storageFaults = 0
    /// Edits queued (all paths).
    public var editsQueued = 0
    /// Answers of the address service (to any process).
    public var addressChecks = 0
    /// Review actions the operator took on edits in `needs_review` (accept, push as is, cancel).
    public var reviews = 0
    /// Whether the seed's processes ran the Azure mirror.
    public var azure = false
    /// Changes another admin made to ARM customers.
    public var azureChanges = 0
    /// ARM requests the service answered (any process, any status).
    public var armRequests = 0
    /// ARM requests answered 429 because the tenant read budget was spent.
    public var armThrottled = 0
    /// Edits by final status.
    public var outcomes: [String: Int] = [:]
    /// Broken promises; empty when the seed passed.
    public var violations: [String] = []
    /// Every edit's final status and reason.
    public var edits: [String] = []
    /// The driver's last decisions, for a failing seed.
    public var trace: [String] = []

    /// The command that runs this seed alone.
    public var reproduction: String {
        "BILLING_SYNC_SIM_SEED=\(seed) swift test --filter SimulationTests"
    }
}

/// How big and how hostile each simulated world is.
public struct SimulationOptions: Sendable {
    /// Customers generated at the start.
    public var customers = 5
    /// Workload steps (operators, admins, faults, crashes) before settling.
    public var steps = 240
    /// Most steps allowed for settling before the seed counts as not converging.
    public var settleLimit = 20_000
    /// Probability that a delivered request gets a fault.
    public var faultRate = 0.12
    /// Probability per step that the daemon crashes (at a random point of the step).
    public var crashRate = 0.025
    /// The client's request timeout: a call waiting longer in either phase fails (a request
    /// may still be applied as it times out). Shorter than the engine's claim lease, as in
    /// production (the transport's whole retry budget is shorter than the lease).
    public var requestTimeout: Duration = .seconds(30)
    /// Share of seeds that start on a database whose first full reconcile already finished
    /// (the others start from an empty file, with the workload racing the initial load).
    public var warmStart = 0.75
    /// Probability per step, in seeds that draw long stops (see `SimulationSwarm`), that the daemon
    /// is stopped for 100 days: longer than the service keeps audit records.
    public var longStopRate = 0.004
    /// Mean probability, in seeds that draw storage faults, that a daemon's write transaction
    /// fails (lock held past busy_timeout, disk full, I/O error at commit).
    public var storageFaultRate = 0.03
    /// Share of seeds whose processes run with `address_validation = require` (see `SimulationSwarm`).
    public var requireShare = 0.35
    /// Share of seeds with `address_validation = warn` (the rest run with `off`).
    public var warnShare = 0.25
    /// Share of seeds whose processes run with `[azure] enabled` (decided from the seed's own
    /// Azure stream; see `SimulationAzure`). 0 turns Azure off, 1 on in every seed.
    public var azureShare = 0.25
    /// Keep the database file after the run (to read it with sqlite3).
    public var keepDatabase = false
    /// Lines of trace kept.
    public var traceLines = 300

    public init() {}
}
