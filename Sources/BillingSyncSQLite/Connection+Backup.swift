import CBillingSyncSQLite

extension Connection {
    /// Copies this database, as one consistent snapshot, into the database file at `path` with
    /// SQLite's online backup API (`sqlite3_backup_init`, `sqlite3_backup_step`, `sqlite3_backup_finish`).
    ///
    /// The whole copy is one `sqlite3_backup_step(-1)`: a single read transaction on this
    /// connection covers every page, so the copy is the database as of one commit even while
    /// other connections or processes (the daemon) go on writing. In WAL mode that read blocks no
    /// writer; a checkpoint only cannot pass it until it ends. (Copying in several steps would
    /// restart from scratch whenever another process commits in between.) The copy is then switched
    /// to `journal_mode=DELETE`, so it is one self-contained file, with no `-wal` or `-shm` beside it.
    ///
    /// `path` should be a new (or empty) file; its content is replaced. The caller makes the copy
    /// durable and puts it in place (see the backup command), and checks it before trusting it.
    public func backup(into path: String) throws {
        let source = try openHandle()
        var opened: OpaquePointer?
        let openCode = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        defer { sqlite3_close_v2(opened) }
        guard openCode == SQLITE_OK, let destination = opened else {
            throw SQLiteError(code: ResultCode(rawValue: openCode), message: "\(String(cString: sqlite3_errstr(openCode))): \(path)")
        }
        sqlite3_extended_result_codes(destination, 1)
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw SQLiteError(database: destination, code: sqlite3_extended_errcode(destination), sql: "sqlite3_backup_init")
        }
        let step = sqlite3_backup_step(backup, -1)
        let finish = sqlite3_backup_finish(backup)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            let code = step == SQLITE_DONE ? finish : step
            // A failure reading the source (a damaged page) is reported on the source connection.
            let message = String(cString: sqlite3_errstr(code))
            throw SQLiteError(code: ResultCode(rawValue: code), message: "\(message) (copying \(self.path) to \(path))",
                              sql: "sqlite3_backup_step")
        }
        let sql = "PRAGMA journal_mode = DELETE"
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(destination, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: ResultCode(rawValue: code),
                              message: errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code)), sql: sql)
        }
    }
}
