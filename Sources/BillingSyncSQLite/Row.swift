/// One result row: column values with their names, detached from the statement that produced it.
public struct Row: Sendable {
    /// The column values, in select order.
    public let values: [SQLValue]
    let layout: RowLayout

    init(values: [SQLValue], layout: RowLayout) {
        self.values = values
        self.layout = layout
    }

    /// The column names, in select order.
    public var columnNames: [String] { layout.names }

    /// The value at a column index (0-based); the index must be in range.
    public subscript(_ index: Int) -> SQLValue {
        precondition(values.indices.contains(index), "column index \(index) out of range; the row has \(values.count) columns")
        return values[index]
    }

    /// The value of a named column (matched exactly, then case-insensitively, like SQLite).
    /// Naming a column the query does not return is a programmer error.
    public subscript(_ column: String) -> SQLValue {
        guard let index = layout.index(of: column) else {
            preconditionFailure("no column named \"\(column)\" in row; columns are \(layout.names)")
        }
        return values[index]
    }

    /// `true` when the query returned a column of this name.
    public func hasColumn(_ column: String) -> Bool {
        layout.index(of: column) != nil
    }

    /// The named column converted to `T`, or `nil` when `NULL` or of another storage class.
    public func value<T: SQLColumnConvertible>(_ type: T.Type, _ column: String) -> T? {
        T(sqlValue: self[column])
    }

    /// The named integer column, or `nil`.
    public func int64(_ column: String) -> Int64? { value(Int64.self, column) }

    /// The named integer column as `Int`, or `nil`.
    public func int(_ column: String) -> Int? { value(Int.self, column) }

    /// The named real (or integer) column as `Double`, or `nil`.
    public func double(_ column: String) -> Double? { value(Double.self, column) }

    /// The named text column, or `nil`.
    public func string(_ column: String) -> String? { value(String.self, column) }

    /// The named blob column, or `nil`.
    public func blob(_ column: String) -> [UInt8]? { value([UInt8].self, column) }

    /// The named integer column as a boolean (0 is `false`), or `nil`.
    public func bool(_ column: String) -> Bool? { value(Bool.self, column) }
}
