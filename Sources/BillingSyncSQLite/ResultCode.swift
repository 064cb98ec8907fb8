/// An SQLite result code, primary (`SQLITE_BUSY`) or extended (`SQLITE_BUSY_SNAPSHOT`).
///
/// Pattern matching with a primary code matches all of its extended codes:
/// `case .constraint:` matches `SQLITE_CONSTRAINT_UNIQUE`; `catch ResultCode.busy` matches an
/// ``SQLiteError`` whose code is any kind of `SQLITE_BUSY`.
public struct ResultCode: Sendable, Hashable, CustomStringConvertible {
    /// The numeric code as SQLite returns it (extended when extended result codes are on).
    public let rawValue: Int32

    /// Wraps a numeric result code.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary result code (the low 8 bits).
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// `true` when this is a primary code, not an extended one.
    public var isPrimary: Bool { rawValue == rawValue & 0xFF }

    /// The C constant name, such as `SQLITE_BUSY` or `SQLITE_CONSTRAINT_UNIQUE`.
    public var name: String {
        if let name = Self.names[rawValue] { return name }
        let primaryName = Self.names[rawValue & 0xFF] ?? "SQLITE_UNKNOWN"
        return isPrimary ? primaryName : "\(primaryName) (extended \(rawValue))"
    }

    /// The constant name, such as `SQLITE_BUSY`.
    public var description: String { name }

    /// Matches `code` against `pattern`; a primary pattern matches all its extended codes.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isPrimary ? pattern == code.primary : pattern == code
    }

    /// Matches an ``SQLiteError`` whose code matches `pattern` (for `catch ResultCode.busy`).
    public static func ~= (pattern: ResultCode, error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return pattern ~= error.code
    }
}

// MARK: - Primary codes

extension ResultCode {
    /// `SQLITE_OK`
    public static let ok = ResultCode(rawValue: 0)
    /// `SQLITE_ERROR`: generic error (syntax error, missing table, …).
    public static let error = ResultCode(rawValue: 1)
    /// `SQLITE_INTERNAL`
    public static let `internal` = ResultCode(rawValue: 2)
    /// `SQLITE_PERM`
    public static let perm = ResultCode(rawValue: 3)
    /// `SQLITE_ABORT`
    public static let abort = ResultCode(rawValue: 4)
    /// `SQLITE_BUSY`: another connection holds a conflicting lock and the busy timeout expired.
    public static let busy = ResultCode(rawValue: 5)
    /// `SQLITE_LOCKED`
    public static let locked = ResultCode(rawValue: 6)
    /// `SQLITE_NOMEM`
    public static let nomem = ResultCode(rawValue: 7)
    /// `SQLITE_READONLY`: attempt to write through a read-only connection.
    public static let readonly = ResultCode(rawValue: 8)
    /// `SQLITE_INTERRUPT`
    public static let interrupt = ResultCode(rawValue: 9)
    /// `SQLITE_IOERR`
    public static let ioerr = ResultCode(rawValue: 10)
    /// `SQLITE_CORRUPT`
    public static let corrupt = ResultCode(rawValue: 11)
    /// `SQLITE_NOTFOUND`
    public static let notFound = ResultCode(rawValue: 12)
    /// `SQLITE_FULL`
    public static let full = ResultCode(rawValue: 13)
    /// `SQLITE_CANTOPEN`
    public static let cantOpen = ResultCode(rawValue: 14)
    /// `SQLITE_PROTOCOL`
    public static let `protocol` = ResultCode(rawValue: 15)
    /// `SQLITE_SCHEMA`
    public static let schema = ResultCode(rawValue: 17)
    /// `SQLITE_TOOBIG`
    public static let tooBig = ResultCode(rawValue: 18)
    /// `SQLITE_CONSTRAINT`
    public static let constraint = ResultCode(rawValue: 19)
    /// `SQLITE_MISMATCH`
    public static let mismatch = ResultCode(rawValue: 20)
    /// `SQLITE_MISUSE`: the API was used incorrectly.
    public static let misuse = ResultCode(rawValue: 21)
    /// `SQLITE_AUTH`
    public static let auth = ResultCode(rawValue: 23)
    /// `SQLITE_RANGE`
    public static let range = ResultCode(rawValue: 25)
    /// `SQLITE_NOTADB`
    public static let notADatabase = ResultCode(rawValue: 26)
    /// `SQLITE_ROW`
    public static let row = ResultCode(rawValue: 100)
    /// `SQLITE_DONE`
    public static let done = ResultCode(rawValue: 101)
}

// MARK: - Extended codes

extension ResultCode {
    /// `SQLITE_BUSY_RECOVERY`
    public static let busyRecovery = ResultCode(rawValue: 5 | 1 << 8)
    /// `SQLITE_BUSY_SNAPSHOT`: a read snapshot went stale before the write could start.
    public static let busySnapshot = ResultCode(rawValue: 5 | 2 << 8)
    /// `SQLITE_READONLY_DBMOVED`
    public static let readonlyDatabaseMoved = ResultCode(rawValue: 8 | 4 << 8)
    /// `SQLITE_READONLY_DIRECTORY`
    public static let readonlyDirectory = ResultCode(rawValue: 8 | 6 << 8)
    /// `SQLITE_CONSTRAINT_CHECK`
    public static let constraintCheck = ResultCode(rawValue: 19 | 1 << 8)
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`
    public static let constraintForeignKey = ResultCode(rawValue: 19 | 3 << 8)
    /// `SQLITE_CONSTRAINT_NOTNULL`
    public static let constraintNotNull = ResultCode(rawValue: 19 | 5 << 8)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`
    public static let constraintPrimaryKey = ResultCode(rawValue: 19 | 6 << 8)
    /// `SQLITE_CONSTRAINT_UNIQUE`
    public static let constraintUnique = ResultCode(rawValue: 19 | 8 << 8)
}
