import ArgumentParser
import BillingSyncDaemon
import BillingSyncStore

/// `billing-sync db migrate|info|check|backup|recover` (docs/operations.md).
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create, upgrade, describe, check, back up or recover the mirror database.",
        subcommands: [Migrate.self, Info.self, Check.self, Backup.self, Recover.self]
    )

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the database or upgrade its schema.")
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let loaded = try options.load(secrets: .skip)  // only the database is touched
            let store = try StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
            let info = try await store.info()
            print("\(info.path): schema version \(info.schemaVersion) (current \(info.currentVersion))")
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print schema version, row counts and file path.")
        @OptionGroup var options: ReadOnlyOptions

        @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
        var json = false

        func run() throws {
            let info = try StoreReader(path: options.databasePath()).info()
            if json {
                return try DatabaseInfoJSON(path: info.path, schemaVersion: info.schemaVersion, currentVersion: info.currentVersion,
                                            fileSize: info.fileSize, walSize: info.walSize,
                                            tables: info.tables.map { .init(table: $0.table, rows: $0.rows) }).printJSON()
            }
            print("database:       \(info.path)")
            print("schema version: \(info.schemaVersion) (this billing-sync: \(info.currentVersion))")
            print("file size:      \(info.fileSize) bytes" + (info.walSize.map { ", WAL \($0) bytes" } ?? ""))
            let width = (info.tables.map(\.table.count).max() ?? 0) + 2
            for table in info.tables {
                print("  \(table.table.padding(toLength: width, withPad: " ", startingAt: 0))\(table.rows)")
            }
        }
    }
}
