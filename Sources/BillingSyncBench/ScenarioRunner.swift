import BillingSyncStore
import Foundation

/// Runs the selected scenarios in order, collecting results and failures (one failed scenario
/// does not stop the others), and rewrites the JSON file after each one.
struct ScenarioRunner {
    let scale: BenchScale
    let workspace: BenchWorkspace
    let jsonPath: String?
    private(set) var report: BenchReport

    init(scale: BenchScale, workspace: BenchWorkspace, jsonPath: String?) {
        self.scale = scale
        self.workspace = workspace
        self.jsonPath = jsonPath
        report = BenchReport(startedAt: Timestamp.now(), scale: scale.name.rawValue, build: BenchBuild.mode,
                             cpus: ProcessInfo.processInfo.activeProcessorCount, scenarios: [], failures: [])
    }

    mutating func run(_ selected: Set<Int>) async {
        let workspace = self.workspace
        let scale = self.scale
        var loads: [InitialLoadScenario.Measurement] = []
        if !selected.isDisjoint(with: [1, 7]) {
            for size in scale.loadSizes {
                await attempt(1, "initial load of \(size)") {
                    loads.append(try await InitialLoadScenario(workspace: workspace)
                        .measure(customers: size, rounds: scale.loadRounds, servers: scale.loadServers))
                    return nil
                }
            }
            if selected.contains(1) { record(InitialLoadScenario.result(loads)) }
        }
        if selected.contains(2) { await attempt(2, "store") { try await StoreScenario(workspace: workspace, rowCount: scale.storeRows).run() } }
        if selected.contains(3) {
            await attempt(3, "rate limit") {
                try await RateLimitScenario(workspace: workspace, perMinute: scale.rateLimitPerMinute,
                                            customers: scale.rateLimitCustomers).run()
            }
        }
        if selected.contains(4) { await attempt(4, "steady state") { try await SteadyStateScenario(workspace: workspace, scale: scale).run() } }
        if selected.contains(5) { await attempt(5, "push") { try await PushScenario(workspace: workspace, scale: scale).run() } }
        if selected.contains(6) {
            await attempt(6, "readers") { try await ReaderScenario(workspace: workspace, customers: scale.readerLoadSize).run() }
        }
        if selected.contains(7) { record(InitialLoadScenario.memoryResult(loads)) }
        if selected.contains(8) {
            await attempt(8, "micro-benchmarks") {
                let folder = workspace.root + "/micro"
                defer { if !workspace.keep { try? FileManager.default.removeItem(atPath: folder) } }
                return try await MicroBenchmarks(iterations: scale.microIterations, saveRows: scale.microSaveRows,
                                                 folder: folder).run()
            }
        }
        await runBudget(selected)
    }

    /// Scenarios 9–12: the tenant's budget (edits during a load, a shared budget, an over-claimed
    /// one, freshness while a reconcile spends it).
    private mutating func runBudget(_ selected: Set<Int>) async {
        let workspace = self.workspace
        let scale = self.scale
        if selected.contains(9) {
            let label = scale.budgetLoadWithoutEdits ? "a load at \(scale.budgetPerMinute)/min, no edits"
                : "edits during a load at \(scale.budgetPerMinute)/min"
            await attempt(9, label) {
                try await EditDuringLoadScenario(workspace: workspace, customers: scale.budgetLoadCustomers,
                                                 perMinute: scale.budgetPerMinute, editStart: scale.budgetEditStart,
                                                 editSpacing: scale.budgetEditSpacing,
                                                 queuesEdits: !scale.budgetLoadWithoutEdits,
                                                 window: scale.budgetLoadWindow).run()
            }
        }
        for (number, share, factor) in [(10, 0.4, 1), (11, 0.0, 10)] where selected.contains(number) {
            await attempt(number, number == 10 ? "another consumer takes 40 % of the budget" : "budget over-claimed 10×") {
                try await SharedBudgetScenario(workspace: workspace, customers: scale.budgetSharedCustomers,
                                               perMinute: scale.budgetPerMinute, otherShare: share, claimFactor: factor).run()
            }
        }
        if selected.contains(12) {
            await attempt(12, "freshness of \(scale.freshnessCustomers) while a reconcile spends \(scale.budgetPerMinute)/min") {
                try await FreshnessUnderBudgetScenario(workspace: workspace, customers: scale.freshnessCustomers,
                                                       perMinute: scale.budgetPerMinute, auditInterval: scale.freshnessAuditInterval,
                                                       driftPerMinute: scale.freshnessDriftPerMinute,
                                                       duration: scale.freshnessDuration).run()
            }
        }
    }

    private mutating func attempt(_ number: Int, _ label: String, _ body: () async throws -> ScenarioResult?) async {
        let clock = ContinuousClock()
        let started = clock.now
        say("scenario \(number): \(label)…")
        do {
            if let result = try await body() { record(result) }
            say("scenario \(number): \(label) done in \(String(format: "%.1f", started.duration(to: clock.now).seconds)) s")
        } catch {
            report.failures.append("scenario \(number) (\(label)): \(error)")
            say("scenario \(number): \(label) FAILED: \(error)")
            writeJSON()
        }
    }

    private mutating func record(_ result: ScenarioResult) {
        report.scenarios.append(result)
        say(ReportTable.render(result))
        writeJSON()
    }

    /// Prints a progress line at once, even when standard output is a file.
    private func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    private func writeJSON() {
        guard let jsonPath else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try encoder.encode(report).write(to: URL(fileURLWithPath: jsonPath))
        } catch {
            print("cannot write \(jsonPath): \(error)")
        }
    }
}
