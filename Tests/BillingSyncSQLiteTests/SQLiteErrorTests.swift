import Testing
import BillingSyncSQLite

@Suite("Errors")
struct SQLiteErrorTests {
    private func withTable(_ body: (Connection) throws -> Void) throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("""
                CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                """)
            try body(connection)
        }
    }

    @Test("a constraint violation carries the extended code, SQLite's message and the SQL")
    func uniqueViolation() throws {
        try withTable { connection in
            let sql = "INSERT INTO parent(name) VALUES (?)"
            try connection.run(sql, ["acme"])
            let error = try #require(#expect(throws: SQLiteError.self) { try connection.run(sql, ["acme"]) })
            #expect(error.code == .constraintUnique)
            #expect(error.code.primary == .constraint)
            #expect(error.message == "UNIQUE constraint failed: parent.name")
            #expect(error.sql == sql)
            #expect(error.description == "SQLite error 2067 (SQLITE_CONSTRAINT_UNIQUE): UNIQUE constraint failed: "
                + "parent.name — while executing: INSERT INTO parent(name) VALUES (?)")
            // Bound values never appear in the error.
            #expect(!error.description.contains("acme"))
        }
    }

    @Test("foreign keys are enforced and reported as SQLITE_CONSTRAINT_FOREIGNKEY")
    func foreignKeyViolation() throws {
        try withTable { connection in
            let error = #expect(throws: SQLiteError.self) {
                try connection.run("INSERT INTO child(parent_id) VALUES (?)", [42])
            }
            #expect(error?.code == .constraintForeignKey)
            #expect(error?.code.name == "SQLITE_CONSTRAINT_FOREIGNKEY")
        }
    }

    @Test("primary codes match extended codes in patterns")
    func patternMatching() throws {
        try withTable { connection in
            do {
                try connection.run("INSERT INTO parent(name) VALUES (?)", [nil])
                Issue.record("NOT NULL violation was accepted")
            } catch ResultCode.constraint {
                // expected: SQLITE_CONSTRAINT_NOTNULL matches the primary SQLITE_CONSTRAINT
            }
            #expect(ResultCode.constraint ~= ResultCode.constraintNotNull)
            #expect(!(ResultCode.constraintUnique ~= ResultCode.constraintNotNull))
            #expect(!(ResultCode.busy ~= ResultCode.constraintNotNull))
        }
    }

    @Test("syntax errors, several statements and wrong binding counts are reported with the SQL")
    func misuse() throws {
        try withTable { connection in
            let syntax = #expect(throws: SQLiteError.self) { try connection.run("SELEC 1") }
            #expect(syntax?.code == .error)
            #expect(syntax?.message.contains("syntax error") == true)
            #expect(syntax?.sql == "SELEC 1")

            let several = #expect(throws: SQLiteError.self) { try connection.run("SELECT 1; SELECT 2") }
            #expect(several?.code == .misuse)
            // A trailing comment or semicolon is not a second statement.
            try connection.run("SELECT 1; -- trailing comment")

            let count = #expect(throws: SQLiteError.self) { try connection.run("SELECT ?, ?", [1]) }
            #expect(count?.code == .misuse)
            #expect(count?.message == "expected 2 bindings, got 1")

            let script = #expect(throws: SQLiteError.self) { try connection.execute("SELECT 1; DROP TABLE nowhere") }
            #expect(script?.message == "no such table: nowhere")
        }
    }

    @Test("a closed connection refuses work with a clear error")
    func closedConnection() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            connection.close()
            connection.close()
            #expect(!connection.isOpen)
            let error = #expect(throws: SQLiteError.self) { try connection.query("SELECT 1") }
            #expect(error?.code == .misuse)
            #expect(error?.message == "the connection to \(path) is closed")
        }
    }
}
