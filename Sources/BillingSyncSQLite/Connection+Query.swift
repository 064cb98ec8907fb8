extension Connection {
    /// Runs one statement with bound parameters to completion (rows it returns are skipped).
    /// The prepared statement is cached by its SQL text.
    public func run(_ sql: String, _ bindings: [(any SQLBindable)?] = []) throws {
        try withStatement(sql, bindings) { statement in
            while try statement.step() {}
        }
    }

    /// Runs one query and returns all its rows.
    public func query(_ sql: String, _ bindings: [(any SQLBindable)?] = []) throws -> [Row] {
        try withStatement(sql, bindings) { statement in
            // The names are read after the first step: a schema change re-prepares the statement there.
            var layout: RowLayout?
            var rows: [Row] = []
            while try statement.step() {
                let current = layout ?? statement.layout()
                layout = current
                rows.append(statement.row(current))
            }
            return rows
        }
    }

    /// Runs one query and returns its first row, or `nil` when it returns none.
    public func queryFirst(_ sql: String, _ bindings: [(any SQLBindable)?] = []) throws -> Row? {
        try withStatement(sql, bindings) { statement in
            try statement.step() ? statement.row(statement.layout()) : nil
        }
    }

    /// The first column of the first row converted to `T`; `nil` when there is no row or it is `NULL`.
    /// - Throws: ``SQLiteError`` with code `.mismatch` when the value has another storage class.
    public func scalar<T: SQLColumnConvertible>(
        _ type: T.Type, _ sql: String, _ bindings: [(any SQLBindable)?] = []
    ) throws -> T? {
        guard let row = try queryFirst(sql, bindings), !row.values.isEmpty, !row[0].isNull else { return nil }
        guard let value = T(sqlValue: row[0]) else {
            throw SQLiteError(
                code: .mismatch, message: "the result is \(row[0].storageClass), not convertible to \(T.self)", sql: sql)
        }
        return value
    }

    /// Streams the rows of one query to `body` without collecting them. The statement's read
    /// snapshot stays open until the last row; `body` may run other statements on this connection.
    public func forEachRow(
        _ sql: String, _ bindings: [(any SQLBindable)?] = [], _ body: (Row) throws -> Void
    ) throws {
        try withStatement(sql, bindings) { statement in
            var layout: RowLayout?
            while try statement.step() {
                let current = layout ?? statement.layout()
                layout = current
                try body(statement.row(current))
            }
        }
    }

    /// Borrows the cached statement for `sql` (or a one-off one if it is already running),
    /// binds, runs `body`, then resets it so no lock or snapshot outlives the call.
    func withStatement<Result>(
        _ sql: String, _ bindings: [(any SQLBindable)?], _ body: (Statement) throws -> Result
    ) throws -> Result {
        let database = try openHandle()
        let statement: Statement
        var isOneOff = false
        if let cached = statementCache[sql] {
            if cached.isInUse {
                statement = try Statement(database: database, sql: sql, persistent: false)
                isOneOff = true
            } else {
                statement = cached
            }
        } else {
            statement = try Statement(database: database, sql: sql, persistent: true)
            statementCache[sql] = statement
        }
        statement.isInUse = true
        activeStatements += 1
        defer {
            statement.reset()
            statement.isInUse = false
            activeStatements -= 1
            if isOneOff { statement.finalize() }
        }
        try statement.bind(bindings)
        return try body(statement)
    }
}
