import ArgumentParser

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
}
