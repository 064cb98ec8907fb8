import CBillingSyncSQLite

/// The few SQLite C API calls the bench's bare baselines make themselves (`RawInsertBaseline`,
/// `BareMirrorFloor`), measured without the store's `Connection`; a failure names SQLite's message.
enum BareSQLite {
    /// Opens the database at `path` with `flags` (`SQLITE_OPEN_…`).
    static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var database: OpaquePointer?
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
            sqlite3_close_v2(database)
            throw BenchError(.invalidRun, "cannot open \(path)")
        }
        return database
    }

    /// `PRAGMA journal_mode = WAL; synchronous = FULL; foreign_keys = ON`: the store's durability.
    static func configureLikeTheStore(_ database: OpaquePointer) throws {
        try exec(database, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
    }

    /// Runs `sql` (one or more statements, no results).
    static func exec(_ database: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw failure(database, sql) }
    }

    /// Prepares one statement; the caller finalizes it.
    static func prepare(_ database: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(database, sql)
        }
        return statement
    }

    /// SQLite's last error on `database`, with the start of what was being done.
    static func failure(_ database: OpaquePointer, _ doing: String) -> BenchError {
        BenchError(.invalidRun, "\(String(cString: sqlite3_errmsg(database))) in \(doing.prefix(60))")
    }
}
