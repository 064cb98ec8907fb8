import CBillingSyncSQLite

extension Connection {
    /// `PRAGMA user_version`: the schema version stored in the database header.
    public var userVersion: Int32 {
        get throws {
            guard let version = try scalar(Int32.self, "PRAGMA user_version") else {
                throw SQLiteError(code: .error, message: "PRAGMA user_version returned no value", sql: "PRAGMA user_version")
            }
            return version
        }
    }

    /// Sets `PRAGMA user_version`.
    public func setUserVersion(_ version: Int32) throws {
        try execute("PRAGMA user_version = \(version)")
    }

    /// `PRAGMA data_version`: changes when another connection commits to the database
    /// (not on this connection's own commits). Poll it to notice outside writes cheaply.
    public func dataVersion() throws -> Int64 {
        guard let version = try scalar(Int64.self, "PRAGMA data_version") else {
            throw SQLiteError(code: .error, message: "PRAGMA data_version returned no value", sql: "PRAGMA data_version")
        }
        return version
    }

    /// Checkpoints the WAL into the database file (`sqlite3_wal_checkpoint_v2`).
    ///
    /// The daemon calls `checkpoint(.passive)` on a timer: it copies what it can without
    /// waiting for readers or writers, so it never blocks them.
    /// - Returns: the WAL size in frames and how many frames are now checkpointed
    ///   (both -1 when the database is not in WAL mode).
    @discardableResult
    public func checkpoint(_ mode: CheckpointMode = .passive) throws -> (walFrames: Int, checkpointed: Int) {
        let database = try openHandle()
        var walFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(database, nil, mode.rawValue, &walFrames, &checkpointed)
        guard code == SQLITE_OK else {
            throw SQLiteError(database: database, code: code, sql: "PRAGMA wal_checkpoint(\(mode))")
        }
        return (Int(walFrames), Int(checkpointed))
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound database, otherwise the problems found.
    public func integrityCheck() throws -> [String] {
        try problems(of: "integrity_check")
    }

    /// `PRAGMA quick_check`: like ``integrityCheck()`` (`["ok"]` or the problems), but without
    /// comparing indexes to their tables, so it reads each page once and runs in about linear time.
    public func quickCheck() throws -> [String] {
        try problems(of: "quick_check")
    }

    /// Stops SQLite from checkpointing the WAL into the database file when this connection
    /// closes (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`): what a process that found the file damaged
    /// does, so that nothing it leaves behind touches the file again.
    public func disableCheckpointOnClose() throws {
        let database = try openHandle()
        let code = billingsync_disable_checkpoint_on_close(database)
        guard code == SQLITE_OK else {
            throw SQLiteError(database: database, code: code, sql: "sqlite3_db_config(SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE)")
        }
    }

    private func problems(of pragma: String) throws -> [String] {
        try query("PRAGMA \(pragma)").map { row in
            String(sqlValue: row[0]) ?? "\(row[0])"
        }
    }
}
