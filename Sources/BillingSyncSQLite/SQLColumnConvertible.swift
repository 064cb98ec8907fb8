/// A Swift type that can be read from an SQLite column value.
///
/// Conversions are strict: a value of another storage class yields `nil`
/// (except that an integer column converts to `Double`).
public protocol SQLColumnConvertible {
    /// Converts a column value, or returns `nil` when it is `NULL` or of an incompatible storage class.
    init?(sqlValue: SQLValue)
}

extension Int64: SQLColumnConvertible {
    /// Reads an integer column.
    public init?(sqlValue: SQLValue) {
        guard case .integer(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Int: SQLColumnConvertible {
    /// Reads an integer column.
    public init?(sqlValue: SQLValue) {
        guard case .integer(let value) = sqlValue, let converted = Int(exactly: value) else { return nil }
        self = converted
    }
}

extension Double: SQLColumnConvertible {
    /// Reads a real column, or an integer column converted to `Double`.
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension String: SQLColumnConvertible {
    /// Reads a text column.
    public init?(sqlValue: SQLValue) {
        guard case .text(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Array: SQLColumnConvertible where Element == UInt8 {
    /// Reads a blob column.
    public init?(sqlValue: SQLValue) {
        guard case .blob(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Bool: SQLColumnConvertible {
    /// Reads an integer column: 0 is `false`, anything else `true`.
    public init?(sqlValue: SQLValue) {
        guard case .integer(let value) = sqlValue else { return nil }
        self = value != 0
    }
}

extension SQLValue: SQLColumnConvertible {
    /// Any column value, including `NULL`.
    public init?(sqlValue: SQLValue) {
        self = sqlValue
    }
}

extension Int32: SQLColumnConvertible {
    /// Reads an integer column that fits in 32 bits.
    public init?(sqlValue: SQLValue) {
        guard case .integer(let value) = sqlValue, let converted = Int32(exactly: value) else { return nil }
        self = converted
    }
}
