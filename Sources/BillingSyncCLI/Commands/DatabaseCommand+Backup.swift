import ArgumentParser
import BillingSyncDaemon

extension DatabaseCommand {
    /// `billing-sync db backup FILE|DIRECTORY [--keep N]`: an online, checked copy.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the database while the daemon runs (SQLite backup API), check the copy, then put it in place.",
            discussion: """
            The copy is one consistent snapshot, passes PRAGMA integrity_check before it is renamed
            into place (a temporary file in the same directory, flushed; mode 0640), and never
            replaces a file with a damaged copy. With a directory, the file is
            <database name>-<UTC time>.sqlite in it; --keep N then removes all but the newest N of
            those. Restore: docs/operations.md.
            """)

        @Argument(help: "The backup file, or a directory to create a time-stamped backup in.")
        var target: String

        @Option(name: .long, help: "With a directory: keep only the newest N backups there.")
        var keep: Int?

        @OptionGroup var options: ReadOnlyOptions

        @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
        var json = false

        func run() throws {
            let path = try options.databasePath()
            let outcome = try DatabaseBackup.run(databasePath: path, target: target, keep: keep)
            if json {
                return try DatabaseBackupJSON(database: path, backup: outcome.path, bytes: outcome.bytes,
                                              removed: outcome.removed).printJSON()
            }
            print("backup: \(outcome.path) (\(outcome.bytes) bytes, integrity_check ok)")
            for old in outcome.removed { print("removed: \(old)") }
        }
    }
}
