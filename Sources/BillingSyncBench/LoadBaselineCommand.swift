import ArgumentParser

/// A baseline child of scenario 1 (`raw-loop`, `plain-loop`): it runs on the same executor as
/// `billing-sync` (NIO's event loops, see `BenchCommand.main`), so the sync's ratio to it measures
/// what the sync adds, not how the two processes schedule their tasks.
protocol LoadBaselineCommand: AsyncParsableCommand {}
