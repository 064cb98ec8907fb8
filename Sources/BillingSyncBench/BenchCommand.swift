import ArgumentParser
import Foundation
import PartnerCenterClient

/// `billing-sync-bench`: the benchmark program (issue 6). Starts the emulator itself, runs each
/// scenario, prints a table and writes JSON; every figure is set against a baseline measured in
/// the same run on the same machine.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing-sync-bench",
        abstract: "Benchmarks of billing-sync against the Partner Center emulator.",
        subcommands: [RunBenchCommand.self, MicroCommand.self, PlainLoopCommand.self, RawLoopCommand.self,
                      ReaderCommand.self, SimulateCommand.self, IntegrityCommand.self],
        defaultSubcommand: RunBenchCommand.self
    )

    /// Runs the subcommand. The baselines of scenario 1 (`LoadBaselineCommand`: `raw-loop`,
    /// `plain-loop`) run Swift concurrency's jobs and their HTTP I/O on one NIO event loop
    /// (`ClientEventLoop`), as `billing-sync` does,
    /// so that a baseline differs from the sync only by what it leaves out;
    /// `BILLING_SYNC_GLOBAL_EXECUTOR=swift` keeps Swift's own pool, as it does for `billing-sync`.
    /// Every other subcommand (the bench's own emulator, the simulation) keeps Swift's pool.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if command is any LoadBaselineCommand {
                ClientEventLoop.install()
            }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
