extension ResultCode {
    /// `true` for `SQLITE_CORRUPT` and each of its extended codes (`SQLITE_CORRUPT_INDEX`,
    /// `SQLITE_CORRUPT_SEQUENCE`, …) and for `SQLITE_NOTADB`: the file's content is damaged, and
    /// retrying (or writing more) cannot help.
    public var isCorruption: Bool {
        ResultCode.corrupt ~= self || ResultCode.notADatabase ~= self
    }
}

extension SQLiteError {
    /// `true` when SQLite reported a damaged database (see ``ResultCode/isCorruption``).
    public var isCorruption: Bool { code.isCorruption }

    /// The SQLite corruption error `error` is, or nil when it is anything else.
    public static func corruption(in error: any Error) -> SQLiteError? {
        guard let error = error as? SQLiteError, error.isCorruption else { return nil }
        return error
    }
}
