import Testing
import BillingSyncSQLite

@Suite("Transactions")
struct TransactionTests {
    private struct Abandon: Error, Equatable {
        let reason: String
    }

    private func withTable(_ body: (Connection) throws -> Void) throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            try body(connection)
        }
    }

    private func count(_ connection: Connection) throws -> Int? {
        try connection.scalar(Int.self, "SELECT count(*) FROM t")
    }

    @Test("a transaction commits and returns the body's value")
    func commits() throws {
        try withTable { connection in
            let id = try connection.transaction {
                try connection.run("INSERT INTO t(name) VALUES (?)", ["a"])
                #expect(connection.isInTransaction)
                return connection.lastInsertRowID
            }
            #expect(!connection.isInTransaction)
            #expect(id == 1)
            #expect(try count(connection) == 1)
        }
    }

    @Test("a thrown error rolls back and is rethrown unchanged")
    func rollsBackOnThrow() throws {
        try withTable { connection in
            try connection.run("INSERT INTO t(name) VALUES (?)", ["kept"])
            #expect(throws: Abandon(reason: "test")) {
                try connection.transaction {
                    try connection.run("INSERT INTO t(name) VALUES (?)", ["discarded"])
                    try connection.run("UPDATE t SET name = ? WHERE name = ?", ["changed", "kept"])
                    throw Abandon(reason: "test")
                }
            }
            #expect(!connection.isInTransaction)
            #expect(try connection.query("SELECT name FROM t").map { $0.string("name") } == ["kept"])
        }
    }

    @Test("an SQL error inside the body rolls back the earlier statements")
    func rollsBackOnSQLError() throws {
        try withTable { connection in
            let error = #expect(throws: SQLiteError.self) {
                try connection.transaction(.deferred) {
                    try connection.run("INSERT INTO t(name) VALUES (?)", ["first"])
                    try connection.run("INSERT INTO t(name) VALUES (?)", [nil])
                }
            }
            #expect(error?.code == .constraintNotNull)
            let remaining = try count(connection)
            #expect(remaining == 0)
        }
    }

    @Test("nesting a transaction is refused without disturbing the outer one")
    func refusesNesting() throws {
        try withTable { connection in
            try connection.transaction {
                try connection.run("INSERT INTO t(name) VALUES (?)", ["outer"])
                let error = #expect(throws: SQLiteError.self) {
                    try connection.transaction(.deferred) {}
                }
                #expect(error?.code == .misuse)
                #expect(error?.message.contains("nested transactions are not supported") == true)
            }
            #expect(try count(connection) == 1)
        }
    }

    @Test("lastInsertRowID and changes report the latest statement")
    func rowIDAndChanges() throws {
        try withTable { connection in
            for name in ["a", "b", "c"] {
                try connection.run("INSERT INTO t(name) VALUES (?)", [name])
            }
            #expect(connection.lastInsertRowID == 3)
            #expect(connection.changes == 1)
            try connection.run("UPDATE t SET name = upper(name) WHERE id >= ?", [2])
            #expect(connection.changes == 2)
            try connection.run("DELETE FROM t")
            #expect(connection.changes == 3)
        }
    }
}
