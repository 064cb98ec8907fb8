/// An error reported by SQLite (or by this wrapper when it is misused).
///
/// `description` reads like
/// `SQLite error 5 (SQLITE_BUSY): database is locked — while executing: BEGIN IMMEDIATE`.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code, such as `SQLITE_CONSTRAINT_UNIQUE` (compare with `.primary` for the class).
    public let code: ResultCode
    /// The message from `sqlite3_errmsg`, or the wrapper's own explanation.
    public let message: String
    /// The SQL being prepared or executed, if any. It never contains bound values.
    public let sql: String?

    /// Creates an error.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// One line: code, name, message and SQL.
    public var description: String {
        var text = "SQLite error \(code.rawValue) (\(code.name)): \(message)"
        if let sql {
            text += " — while executing: \(sql)"
        }
        return text
    }
}
