import CBillingSyncSQLite

/// A prepared statement of one ``Connection``. Internal: callers use the connection's methods.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private let database: OpaquePointer
    /// Set while a connection method is stepping this statement, so a nested use of the same
    /// SQL (from inside `forEachRow`) prepares a separate statement instead.
    var isInUse = false

    /// Prepares exactly one SQL statement; several statements, or none, are a misuse.
    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        self.database = database
        self.sql = sql
        var statement: OpaquePointer?
        var extraStatements = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(database, text, -1, flags, &statement, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                var extra: OpaquePointer?
                let extraCode = sqlite3_prepare_v2(database, tail, -1, &extra, nil)
                extraStatements = extraCode != SQLITE_OK || extra != nil
                sqlite3_finalize(extra)
            }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(database: database, code: code, sql: sql)
        }
        guard let statement, !extraStatements else {
            sqlite3_finalize(statement)
            let message = statement == nil
                ? "the SQL contains no statement"
                : "the SQL contains more than one statement; use execute(_:) for scripts"
            throw SQLiteError(code: .misuse, message: message, sql: sql)
        }
        self.handle = statement
    }

    /// Binds all parameters; the count must match the statement's `?` parameters.
    func bind(_ bindings: [(any SQLBindable)?]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard bindings.count == expected else {
            throw SQLiteError(code: .misuse, message: "expected \(expected) bindings, got \(bindings.count)", sql: sql)
        }
        for (offset, binding) in bindings.enumerated() {
            let code = (binding?.sqlValue ?? .null).bind(to: handle, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw SQLiteError(database: database, code: code, sql: sql) }
        }
    }

    /// Advances one row: `true` when a row is available, `false` when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw SQLiteError(database: database, code: code, sql: sql)
        }
    }

    /// The result columns' names. Kept between runs of this cached statement while its columns
    /// read the same (a schema change re-prepares a statement and may change them); building it
    /// per query cost the simulation 2 % of its time.
    func layout() -> RowLayout {
        let count = sqlite3_column_count(handle)
        if let keptLayout, keptLayout.names.count == Int(count),
           keptLayout.names.indices.allSatisfy({ Self.same(keptLayout.names[$0], sqlite3_column_name(handle, Int32($0))) }) {
            return keptLayout
        }
        let layout = RowLayout(names: (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
        keptLayout = layout
        return layout
    }

    private var keptLayout: RowLayout?

    /// Whether the C string `text` spells `name`.
    private static func same(_ name: String, _ text: UnsafePointer<CChar>?) -> Bool {
        guard var pointer = text else { return false }
        for byte in name.utf8 {
            guard UInt8(bitPattern: pointer.pointee) == byte else { return false }
            pointer += 1
        }
        return pointer.pointee == 0
    }

    /// The current row's values.
    func row(_ layout: RowLayout) -> Row {
        Row(values: (0..<Int32(layout.names.count)).map(value(at:)), layout: layout)
    }

    private func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    /// Ends the current execution (releasing its read snapshot) and clears the bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func finalize() {
        sqlite3_finalize(handle)
    }
}
