import CBillingSyncSQLite

extension SQLiteError {
    /// The error SQLite just reported on `database`: the returned (extended) code and `sqlite3_errmsg`.
    init(database: OpaquePointer, code: Int32, sql: String?) {
        let message = String(cString: sqlite3_errmsg(database))
        self.init(code: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
