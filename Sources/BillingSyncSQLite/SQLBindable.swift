#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A Swift value that can be bound to a `?` parameter of an SQL statement.
public protocol SQLBindable {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    /// The value itself.
    public var sqlValue: SQLValue { self }
}

extension Int64: SQLBindable {
    /// Binds as an integer.
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int: SQLBindable {
    /// Binds as a 64-bit integer.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int32: SQLBindable {
    /// Binds as a 64-bit integer.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLBindable {
    /// Binds as a real.
    public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLBindable {
    /// Binds as UTF-8 text.
    public var sqlValue: SQLValue { .text(self) }
}

extension Bool: SQLBindable {
    /// Binds as the integer 1 or 0.
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Array: SQLBindable where Element == UInt8 {
    /// Binds as a blob.
    public var sqlValue: SQLValue { .blob(self) }
}

extension Data: SQLBindable {
    /// Binds as a blob.
    public var sqlValue: SQLValue { .blob([UInt8](self)) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    /// Binds the wrapped value, or `NULL`.
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
