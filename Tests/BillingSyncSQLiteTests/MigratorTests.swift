import Foundation
import Testing
import BillingSyncSQLite

@Suite("Migrations")
struct MigratorTests {
    private static let migrations = [
        Migration(version: 1, name: "create_customers", sql: "CREATE TABLE customers(id TEXT PRIMARY KEY, name TEXT)"),
        Migration(version: 2, name: "create_outbox", sql: """
            CREATE TABLE outbox(id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id));
            CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT);
            INSERT INTO settings(key, value) VALUES ('created', 'yes');
            """),
        Migration(version: 3, name: "index_outbox") { connection in
            try connection.execute("CREATE INDEX outbox_customer ON outbox(customer_id)")
        },
    ]

    private func tables(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap {
            $0.string("name")
        }
    }

    @Test("an empty database is migrated to the newest version; a second run does nothing")
    func migratesFromEmptyOnce() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            let first = try Migrator(migrations: Self.migrations).migrate(connection)
            #expect(first == (from: 0, to: 3))
            #expect(try connection.userVersion == 3)
            #expect(try tables(connection) == ["customers", "outbox", "settings"])
            connection.close()

            let reopened = try Connection(path: path, mode: .readWrite)
            let second = try Migrator(migrations: Self.migrations.reversed()).migrate(reopened)
            #expect(second == (from: 3, to: 3))
            #expect(try reopened.scalar(Int.self, "SELECT count(*) FROM settings") == 1)
        }
    }

    @Test("a failing migration is rolled back and leaves the previous version")
    func failingMigrationRollsBack() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            let broken = Array(Self.migrations.prefix(2)) + [
                Migration(version: 3, name: "broken", sql: "CREATE TABLE extra(x); INSERT INTO nowhere VALUES (1);"),
            ]
            let error = #expect(throws: MigrationError.self) { try Migrator(migrations: broken).migrate(connection) }
            #expect(error?.version == 3)
            #expect((error?.underlying as? SQLiteError)?.message == "no such table: nowhere")
            #expect(error?.description.hasPrefix("migration 3 (broken) failed: SQLite error 1 (SQLITE_ERROR)") == true)
            #expect(try connection.userVersion == 2)
            #expect(try !tables(connection).contains("extra"))

            #expect(try Migrator(migrations: Self.migrations).migrate(connection) == (from: 2, to: 3))
        }
    }

    @Test("a database newer than the newest migration is refused without being touched")
    func refusesNewerSchema() throws {
        try withTemporaryDatabase { path in
            let creator = try Connection(path: path, mode: .readWriteCreate)
            try creator.execute("CREATE TABLE future(x)")
            try creator.setUserVersion(7)
            creator.close()
            let before = try FileSnapshot(path)

            let connection = try Connection(path: path, mode: .readWrite)
            let error = #expect(throws: SchemaTooNewError.self) {
                try Migrator(migrations: Self.migrations).migrate(connection)
            }
            #expect(error?.databaseVersion == 7)
            #expect(error?.supportedVersion == 3)
            #expect(error?.description == "database schema version 7 is newer than this billing-sync supports (3); "
                + "upgrade billing-sync (database: \(path))")
            #expect(try tables(connection) == ["future"])
            connection.close()

            #expect(try FileSnapshot(path) == before)
        }
    }
}

/// The bytes and modification time of a file.
private struct FileSnapshot: Equatable {
    let bytes: Data
    let modified: timespec

    init(_ path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var status = stat()
        guard stat(path, &status) == 0 else { throw CocoaError(.fileReadNoSuchFile) }
        modified = status.st_mtim
    }

    static func == (lhs: FileSnapshot, rhs: FileSnapshot) -> Bool {
        lhs.bytes == rhs.bytes && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
    }
}
