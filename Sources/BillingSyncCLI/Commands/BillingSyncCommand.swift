import ArgumentParser
import BillingSyncDaemon
import Foundation
import PartnerCenterClient

@main
struct BillingSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing-sync",
        abstract: "Mirrors Microsoft Partner Center customer billing profiles into SQLite and pushes queued edits back.",
        version: BillingSyncVersion.current,
        subcommands: [
            DemoCommand.self, RunCommand.self, SyncCommand.self, CheckConfigCommand.self, DatabaseCommand.self,
            EditCommand.self, StatusCommand.self, ShowCommand.self, HistoryCommand.self, ExportCommand.self, ConflictsCommand.self, ResolveCommand.self,
            ReviewCommand.self, AddressesCommand.self,
            EmulatorCommand.self,
        ]
    )

    /// Runs the command with Swift concurrency's jobs on the one NIO event loop that also does the
    /// HTTP I/O (`ClientEventLoop`), so a response resumes its awaiting task without a hop between
    /// threads (before, about a third of a load's CPU went to those hops and their futex wake-ups).
    /// SQLite's blocking work runs on the store's own thread (`StoreWriter`), never on that
    /// loop. `BILLING_SYNC_GLOBAL_EXECUTOR=swift` keeps Swift's own pool.
    static func main() async {
        ClientEventLoop.install()
        await main(nil)
    }
}
