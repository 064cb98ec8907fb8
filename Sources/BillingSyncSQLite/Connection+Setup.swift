import CBillingSyncSQLite

extension Connection {
    /// Applies extended result codes, the busy timeout and the mode's pragmas.
    func configure() throws {
        let database = try openHandle()
        sqlite3_extended_result_codes(database, 1)
        // sqlite3_busy_timeout sleeps between retries; never install a spinning busy handler.
        sqlite3_busy_timeout(database, options.busyTimeoutMilliseconds)
        switch mode {
        case .readOnly:
            try execute("PRAGMA query_only = ON")
        case .readWrite, .readWriteCreate:
            // SQLite silently opens a write-protected file read-only; a writer must fail at open instead.
            guard sqlite3_db_readonly(database, "main") != 1 else {
                throw SQLiteError(code: .readonly, message: "the database file is not writable: \(path)")
            }
            try enableWAL(database)
            try execute("PRAGMA foreign_keys = \(options.foreignKeys ? "ON" : "OFF")")
            try execute("PRAGMA synchronous = \(options.synchronous.rawValue)")
            try execute("PRAGMA journal_size_limit = \(options.journalSizeLimit)")
            try execute("PRAGMA wal_autocheckpoint = \(options.walAutoCheckpointPages)")
            try execute("PRAGMA cache_size = -\(max(options.writerCacheKiB, 1))")
        }
    }

    private func enableWAL(_ database: OpaquePointer) throws {
        let sql = "PRAGMA journal_mode = WAL"
        let journalMode = try scalar(String.self, sql)
        guard journalMode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: .error,
                message: "could not enable WAL mode: journal_mode is \(journalMode ?? "unknown")",
                sql: sql
            )
        }
        let code = billingsync_set_persistent_wal(database, options.persistentWAL ? 1 : 0)
        guard code == SQLITE_OK else {
            throw SQLiteError(database: database, code: code, sql: "sqlite3_file_control(SQLITE_FCNTL_PERSIST_WAL)")
        }
    }
}
