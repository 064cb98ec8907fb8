import ArgumentParser
import BillingSyncDaemon

@main
struct BillingSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing-sync",
        abstract: "Mirrors Microsoft Partner Center customer billing profiles into SQLite and pushes queued edits back.",
        version: BillingSyncVersion.current,
        subcommands: [
            DemoCommand.self, RunCommand.self, SyncCommand.self, CheckConfigCommand.self, DatabaseCommand.self,
            EditCommand.self, StatusCommand.self, ShowCommand.self, HistoryCommand.self, ExportCommand.self, ConflictsCommand.self, ResolveCommand.self,
            EmulatorCommand.self,
        ]
    )
}
