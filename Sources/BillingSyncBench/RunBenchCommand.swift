import ArgumentParser
import BillingSyncDaemon
import Foundation

/// `billing-sync-bench [run] [--smoke | --scale small|full] [--scenarios 1,2,…] [--json PATH]`
/// `[--budget-load-customers N] [--budget-load-without-edits] [--budget-load-window SECONDS] [--budget-per-minute N]`
/// `[--budget-shared-customers N]`
/// `[--freshness-customers N]`.
struct RunBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the scenarios (the default).")

    @Flag(name: .long, help: "Every scenario at tiny scale (CI; under a minute in a debug build).")
    var smoke = false

    @Option(name: .long, help: "small (fits a 2-core machine) or full (the issue's sizes, incl. 100k).")
    var scale: BenchScale.Name = .small

    @Option(name: .long, help: "Scenarios to run, e.g. 1,3,6 (default: all; 7 uses 1's loads; 8 is micro; 9–12 spend the tenant's budget).")
    var scenarios: String = "1,2,3,4,5,6,7,8,9,10,11,12"

    @Option(name: .long, help: "Customers of the load with edits (9) at the tenant's 500/min (default: 3,000; smoke: 100).")
    var budgetLoadCustomers: Int?

    @Flag(name: .long, help: "Scenario 9 without its edits: the load alone against the bound N / budget.")
    var budgetLoadWithoutEdits = false

    @Option(name: .long, help: "End scenario 9 after this many seconds even when its load is not complete (a 100k load at 500/min takes 3.3 h).")
    var budgetLoadWindow: Int?

    @Option(name: .long, help: "The tenant's budget of scenarios 9–12, enforced by the emulator and configured in the client (default: 500; smoke: 3,000).")
    var budgetPerMinute: Int?

    @Option(name: .long, help: "Customers of the shared and over-claimed budgets (10, 11) (default: 1,000; smoke: 100).")
    var budgetSharedCustomers: Int?

    @Option(name: .long, help: "Customers mirrored while a reconcile spends the budget (12) (default: small 10,000, full 100,000; smoke: 200).")
    var freshnessCustomers: Int?

    @Option(name: .long, help: "Rounds of scenario 1's children at each size (raw loop, plain loop, first load, re-sync); ratios are of their totals (default: 1).")
    var loadRounds: Int?

    @Option(name: .long, help: "Scenario 1's emulator: in-process (the bench's own), process (billing-sync emulator in its own process) or both, each in the same rounds (default: in-process).")
    var loadEmulator: LoadEmulatorChoice = .inProcess

    @Option(name: .long, help: "Write the results as JSON to this file.")
    var json: String?

    @Flag(name: .long, help: "Keep the databases and child logs (their folder is printed).")
    var keep = false

    func validate() throws {
        guard selected.allSatisfy((1...12).contains), !selected.isEmpty else {
            throw ValidationError("--scenarios takes numbers 1…12 separated by commas")
        }
        if let budgetPerMinute, budgetPerMinute < 1 {
            throw ValidationError("--budget-per-minute takes at least 1")
        }
        if let budgetLoadWindow, budgetLoadWindow < 1 {
            throw ValidationError("--budget-load-window takes at least 1 (seconds)")
        }
        if let loadRounds, loadRounds < 1 {
            throw ValidationError("--load-rounds takes at least 1")
        }
        for count in [budgetLoadCustomers, budgetSharedCustomers, freshnessCustomers].compactMap({ $0 }) where count < 1 {
            throw ValidationError("--budget-load-customers, --budget-shared-customers and --freshness-customers take at least 1")
        }
    }

    var selected: [Int] {
        scenarios.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() async throws {
        LogSetup.bootstrap(level: .warning, format: .text)
        var scale = BenchScale.named(smoke ? .smoke : self.scale)
        if let budgetLoadCustomers { scale.budgetLoadCustomers = budgetLoadCustomers }
        if let budgetSharedCustomers { scale.budgetSharedCustomers = budgetSharedCustomers }
        if let freshnessCustomers { scale.freshnessCustomers = freshnessCustomers }
        scale.budgetLoadWithoutEdits = budgetLoadWithoutEdits
        scale.budgetLoadWindow = budgetLoadWindow.map { .seconds($0) }
        if let budgetPerMinute { scale.budgetPerMinute = budgetPerMinute }
        if let loadRounds { scale.loadRounds = loadRounds }
        scale.loadServers = loadEmulator.servers
        let workspace = try BenchWorkspace.make(keep: keep)
        var runner = ScenarioRunner(scale: scale, workspace: workspace, jsonPath: json)
        print("billing-sync-bench: scale \(scale.name.rawValue), \(BenchBuild.mode) build, files in \(workspace.root)")
        await runner.run(Set(selected))
        print(ReportTable.render(runner.report))
        workspace.cleanUp()
        if !runner.report.failures.isEmpty { throw ExitCode(1) }
    }
}

/// Whether this executable was built for debugging or release.
enum BenchBuild {
    #if DEBUG
    static let mode = "debug"
    #else
    static let mode = "release"
    #endif
}
