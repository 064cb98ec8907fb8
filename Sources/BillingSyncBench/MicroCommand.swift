import ArgumentParser
import BillingSyncDaemon

/// `billing-sync-bench micro [--iterations N] [--save-rows N] [--json PATH]`: only the
/// micro-benchmarks of the hot paths (scenario 8: parse, canonical text, hash, flatten, profile
/// construction, save), each against its baseline timed in the same run.
struct MicroCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micro", abstract: "Micro-benchmarks of the per-profile hot paths (ns/op and ratios to baselines).")

    @Option(name: .long, help: "Calls per round of each operation (5 rounds).")
    var iterations: Int = BenchScale.named(.small).microIterations

    @Option(name: .long, help: "Rows saved by each side of the store comparison.")
    var saveRows: Int = BenchScale.named(.small).microSaveRows

    @Option(name: .long, help: "Write the results as JSON to this file.")
    var json: String?

    func validate() throws {
        guard iterations > 0, saveRows > 0 else { throw ValidationError("--iterations and --save-rows must be positive") }
    }

    func run() async throws {
        LogSetup.bootstrap(level: .warning, format: .text)
        var scale = BenchScale.named(.small)
        scale.microIterations = iterations
        scale.microSaveRows = saveRows
        let workspace = try BenchWorkspace.make(keep: false)
        var runner = ScenarioRunner(scale: scale, workspace: workspace, jsonPath: json)
        print("billing-sync-bench micro: \(iterations) calls per round, \(BenchBuild.mode) build")
        await runner.run([8])
        workspace.cleanUp()
        if !runner.report.failures.isEmpty { throw ExitCode(1) }
    }
}
