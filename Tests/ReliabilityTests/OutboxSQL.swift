import BillingSyncSQLite
import Foundation

/// Queues edits the way an outside tool does: a plain `INSERT INTO outbox` on its own connection.
enum OutboxSQL {
    /// Inserts one edit (bound parameters) and returns its id; retries while the daemon holds the
    /// write lock (a killed daemon may also leave a hot WAL that the next opener recovers).
    @discardableResult
    static func insert(databasePath: String, customerID: String, patch: String) throws -> Int64 {
        try insert(databasePath: databasePath, sql: "INSERT INTO outbox(customer_id, patch) VALUES (?, ?)",
                   [customerID, patch])
    }

    /// Runs an INSERT with bindings and returns the new row id.
    static func insert(databasePath: String, sql: String, _ bindings: [(any SQLBindable)?]) throws -> Int64 {
        var options = ConnectionOptions()
        options.busyTimeout = .seconds(10)
        let connection = try Connection(path: databasePath, mode: .readWrite, options: options)
        defer { connection.close() }
        try connection.run(sql, bindings)
        return connection.lastInsertRowID
    }

    /// `PRAGMA integrity_check` on a fresh connection.
    static func integrityCheck(databasePath: String) throws -> [String] {
        let connection = try Connection(path: databasePath, mode: .readOnly)
        defer { connection.close() }
        return try connection.integrityCheck()
    }
}
