import ArgumentParser
import BillingSyncSimulation
import Foundation

/// `billing-sync-bench simulate`: the sync-core simulation from a release build, for runs of
/// 100,000 seeds and more (CI runs 500 through `swift test`). Exits 1 when a seed broke a promise.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the seeded sync-core simulation for many seeds and report the figures."
    )

    @Option(help: "How many seeds.")
    var seeds: UInt64 = 100_000

    @Option(help: "The first seed.")
    var first: UInt64 = 1

    @Option(help: "Worker threads (one simulated world each).")
    var workers: Int = 2

    @Option(help: "Trace lines printed for a failing seed.")
    var trace: Int = 80

    @Option(help: "Share of seeds that also run the Azure mirror (0 none, 1 all; default the simulation's 0.25).")
    var azureShare: Double?

    func run() async throws {
        let started = ContinuousClock.now
        let total = Int(seeds)
        var options = SimulationOptions()
        if let azureShare {
            guard (0...1).contains(azureShare) else {
                throw ValidationError("--azure-share must be between 0 and 1, got \(azureShare)")
            }
            options.azureShare = azureShare
        }
        let reports = await SimulationRunner.run(Array(first..<(first + seeds)), workers: workers, options: options) { done in
            if done % 5000 == 0 || done == total {
                FileHandle.standardError.write(Data("\(done)/\(total) seeds\n".utf8))
            }
        }
        print(SimulationRunner.summary(reports, elapsed: ContinuousClock.now - started))
        let failing = reports.filter { !$0.violations.isEmpty }
        for report in failing.prefix(5) {
            print(SimulationRunner.describe(report, traceLines: trace))
        }
        if !failing.isEmpty { throw ExitCode(1) }
    }
}
