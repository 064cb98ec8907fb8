import BillingSyncSQLite
import Foundation

/// What `billing-sync db info` shows about a database file.
public struct StoreInfo: Sendable, Hashable {
    /// Rows in one table.
    public struct TableRows: Sendable, Hashable {
        /// Table name.
        public var table: String
        /// Number of rows.
        public var rows: Int
    }

    /// The database file.
    public var path: String
    /// `PRAGMA user_version` of the file.
    public var schemaVersion: Int
    /// The version this build migrates to.
    public var currentVersion: Int
    /// Size of the database file in bytes.
    public var fileSize: Int64
    /// Size of the `-wal` file in bytes, nil when there is none.
    public var walSize: Int64?
    /// Row counts of every table, by name.
    public var tables: [TableRows]

    /// Reads the facts through an open context.
    static func collect(path: String, from context: ReadContext) throws -> StoreInfo {
        let connection = try context.connection
        let version = Int(try connection.userVersion)
        let names = try connection.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .map { try $0.requiredText("name") }
        let tables = try names.map { name in
            // Identifiers cannot be bound; the name comes from sqlite_schema and is quoted.
            TableRows(table: name, rows: try connection.scalar(Int.self, "SELECT count(*) FROM \(SQLIdentifier.quoted(name))") ?? 0)
        }
        return StoreInfo(path: path, schemaVersion: version, currentVersion: Int(StoreSchema.currentVersion),
                         fileSize: fileSize(path) ?? 0, walSize: fileSize(path + "-wal"), tables: tables)
    }

    private static func fileSize(_ path: String) -> Int64? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value
    }
}
