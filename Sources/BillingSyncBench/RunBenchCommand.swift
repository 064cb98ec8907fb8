import ArgumentParser
import BillingSyncDaemon
import Foundation

/// `billing-sync-bench [run] [--smoke | --scale small|full] [--scenarios 1,2,…] [--json PATH]`.
struct RunBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the scenarios (the default).")

    @Flag(name: .long, help: "Every scenario at tiny scale (CI; under a minute in a debug build).")
    var smoke = false

    @Option(name: .long, help: "small (fits a 2-core machine) or full (the issue's sizes, incl. 100k).")
    var scale: BenchScale.Name = .small

    @Option(name: .long, help: "Scenarios to run, e.g. 1,3,6 (default: all; 7 uses 1's loads; 8 is micro).")
    var scenarios: String = "1,2,3,4,5,6,7,8"

    @Option(name: .long, help: "Write the results as JSON to this file.")
    var json: String?

    @Flag(name: .long, help: "Keep the databases and child logs (their folder is printed).")
    var keep = false

    func validate() throws {
        guard selected.allSatisfy((1...8).contains), !selected.isEmpty else {
            throw ValidationError("--scenarios takes numbers 1…8 separated by commas")
        }
    }

    var selected: [Int] {
        scenarios.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() async throws {
        LogSetup.bootstrap(level: .warning, format: .text)
        let scale = BenchScale.named(smoke ? .smoke : self.scale)
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
