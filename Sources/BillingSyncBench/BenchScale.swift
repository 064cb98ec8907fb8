import ArgumentParser

/// The sizes and durations of every scenario at one scale.
struct BenchScale: Sendable {
    /// `smoke` (CI: tiny, seconds), `small` (fits a 2-core dev machine), `full` (the sizes).
    enum Name: String, Sendable, CaseIterable, ExpressibleByArgument {
        case smoke, small, full
    }

    let name: Name
    /// Scenario 1/7: customer counts of the initial loads.
    let loadSizes: [Int]
    /// Scenario 2: profile rows written.
    let storeRows: Int
    /// Scenario 3: emulator (and client) limit per minute, and customers to load.
    let rateLimitPerMinute: Int
    let rateLimitCustomers: Int
    /// Scenario 4: mirrored customers, drift rate, measured period, audit interval, and the full
    /// resync interval used with the audit feed off.
    let steadyCustomers: Int
    let driftPerMinute: Double
    let steadyDuration: Duration
    let auditInterval: Duration
    let feedOffResyncInterval: Duration
    /// Scenario 5: customers, idle edits, contended edits, hot customers, drift on them per minute.
    let pushCustomers: Int
    let idleEdits: Int
    let contendedEdits: Int
    let hotCustomers: Int
    let contentionDriftPerMinute: Double
    /// Scenario 6: customers loaded while the reader runs.
    let readerLoadSize: Int
    /// Scenario 8 (`micro`): calls per round of each operation, and rows of the save comparison.
    var microIterations: Int
    var microSaveRows: Int
    /// Scenarios 9–11: the tenant's budget the emulator enforces, customers of the load with
    /// edits (9) and of the shared and over-claimed budgets (10, 11), when the first edit is
    /// queued and how often the next.
    var budgetPerMinute = 500
    /// Scenario 1: rounds of raw loop, plain loop, first load and re-sync at each size.
    var loadRounds = 1
    /// Scenario 1: the emulators its children run against (the bench's own; with
    /// `--load-emulator` also or only the shipped one in a process of its own).
    var loadServers: [InitialLoadScenario.Server] = [.inProcess]
    var budgetLoadCustomers = 3000
    var budgetSharedCustomers = 1000
    var budgetEditStart: Duration = .seconds(15)
    var budgetEditSpacing: Duration = .seconds(3)
    /// Scenario 9 without edits (the load alone, against the bound N / budget).
    var budgetLoadWithoutEdits = false
    /// Scenario 9 ends after this even when the load is not complete (nil: at the load's end).
    var budgetLoadWindow: Duration?
    /// Scenario 12: customers mirrored, the audit interval, the drift a minute and how long it runs
    /// (at `budgetPerMinute`).
    var freshnessCustomers = 10_000
    var freshnessAuditInterval: Duration = .seconds(10)
    var freshnessDriftPerMinute: Double = 60
    var freshnessDuration: Duration = .seconds(120)

    static func named(_ name: Name) -> BenchScale {
        switch name {
        case .smoke:
            BenchScale(name: name, loadSizes: [100, 200], storeRows: 500, rateLimitPerMinute: 6000,
                       rateLimitCustomers: 150, steadyCustomers: 100, driftPerMinute: 120,
                       steadyDuration: .seconds(3), auditInterval: .seconds(1), feedOffResyncInterval: .seconds(2),
                       pushCustomers: 50, idleEdits: 4, contendedEdits: 4, hotCustomers: 3,
                       contentionDriftPerMinute: 600, readerLoadSize: 200,
                       microIterations: 200, microSaveRows: 200, budgetPerMinute: 3000, budgetLoadCustomers: 100,
                       budgetSharedCustomers: 100, budgetEditStart: .milliseconds(300), budgetEditSpacing: .milliseconds(200),
                       freshnessCustomers: 200, freshnessAuditInterval: .seconds(1), freshnessDriftPerMinute: 120,
                       freshnessDuration: .seconds(3))
        case .small:
            BenchScale(name: name, loadSizes: [1000, 10_000], storeRows: 10_000, rateLimitPerMinute: 3000,
                       rateLimitCustomers: 3300, steadyCustomers: 10_000, driftPerMinute: 60,
                       steadyDuration: .seconds(120), auditInterval: .seconds(10), feedOffResyncInterval: .seconds(60),
                       pushCustomers: 1000, idleEdits: 100, contendedEdits: 50, hotCustomers: 10,
                       contentionDriftPerMinute: 600, readerLoadSize: 10_000,
                       microIterations: 20_000, microSaveRows: 2000)
        case .full:
            BenchScale(name: name, loadSizes: [1000, 10_000, 100_000], storeRows: 100_000, rateLimitPerMinute: 3000,
                       rateLimitCustomers: 3300, steadyCustomers: 10_000, driftPerMinute: 60,
                       steadyDuration: .seconds(300), auditInterval: .seconds(60), feedOffResyncInterval: .seconds(300),
                       pushCustomers: 1000, idleEdits: 100, contendedEdits: 100, hotCustomers: 10,
                       contentionDriftPerMinute: 600, readerLoadSize: 100_000,
                       microIterations: 50_000, microSaveRows: 10_000, freshnessCustomers: 100_000,
                       freshnessDuration: .seconds(300))
        }
    }
}
