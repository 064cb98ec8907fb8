extension ResultCode {
    /// `true` for `SQLITE_BUSY` and `SQLITE_LOCKED` and their extended codes: another connection
    /// holds a lock past the busy timeout. The database is sound; the same work succeeds later.
    public var isLockContention: Bool {
        ResultCode.busy ~= self || ResultCode.locked ~= self
    }
}

extension SQLiteError {
    /// The SQLite lock-contention error `error` is (see ``ResultCode/isLockContention``), or nil
    /// when it is anything else: matched by result code, never by the text of a message.
    public static func lockContention(in error: any Error) -> SQLiteError? {
        guard let error = error as? SQLiteError, error.code.isLockContention else { return nil }
        return error
    }
}
