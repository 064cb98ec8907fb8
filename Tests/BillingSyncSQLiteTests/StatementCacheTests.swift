import Testing
@testable import BillingSyncSQLite

@Suite("Statement cache")
struct StatementCacheTests {
    @Test("repeated SQL reuses one prepared statement with fresh bindings each time")
    func reusesPreparedStatement() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
            let insert = "INSERT INTO t(name) VALUES (?)"
            try connection.run(insert, ["first"])
            let prepared = try #require(connection.statementCache[insert])
            for number in 2...100 {
                try connection.run(insert, ["name \(number)"])
            }
            #expect(connection.statementCache[insert] === prepared)
            #expect(try connection.scalar(Int.self, "SELECT count(DISTINCT name) FROM t") == 100)

            // A failed execution leaves the cached statement usable.
            #expect(throws: SQLiteError.self) { try connection.run(insert, ["first"]) }
            try connection.run(insert, ["after failure"])
            #expect(connection.statementCache[insert] === prepared)
            #expect(try connection.scalar(String.self, "SELECT name FROM t WHERE id = ?", [connection.lastInsertRowID])
                == "after failure")
        }
    }

    @Test("a cached query does not keep its read snapshot after returning")
    func releasesSnapshotAfterUse() throws {
        try withTemporaryDatabase { path in
            let short = ConnectionOptions(busyTimeout: .milliseconds(200))
            let reader = try Connection(path: path, mode: .readWriteCreate, options: short)
            try reader.execute("CREATE TABLE t(x INTEGER)")
            for number in 1...20 {
                try reader.run("INSERT INTO t(x) VALUES (?)", [number])
            }
            // Stops after the first of 20 rows; the statement must still be reset.
            #expect(try reader.queryFirst("SELECT x FROM t ORDER BY x")?.int("x") == 1)

            let other = try Connection(path: path, mode: .readWrite, options: short)
            // TRUNCATE must wait for every reader to finish; it fails with SQLITE_BUSY if one lingers.
            let result = try other.checkpoint(.truncate)
            #expect(result.walFrames == 0)
            #expect(fileSize(path + "-wal") == 0)
        }
    }

    @Test("clearStatementCache finalizes statements that are re-prepared on next use")
    func clearsCache() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            #expect(try connection.scalar(Int.self, "SELECT 1") == 1)
            #expect(connection.statementCache["SELECT 1"] != nil)
            connection.clearStatementCache()
            #expect(connection.statementCache.isEmpty)
            #expect(try connection.scalar(Int.self, "SELECT 1") == 1)
        }
    }

    /// A schema change (another process's migration) re-prepares a cached statement at its next
    /// step: the columns' names are read after that step, not before it (before, a renamed
    /// column was looked up by its old name).
    @Test("a cached query reads its columns by their names after the schema changes them")
    func columnsFollowTheSchema() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT)")
            try connection.run("INSERT INTO t(name) VALUES ('a')")
            let select = "SELECT * FROM t"
            #expect(try connection.queryFirst(select)?.string("name") == "a")
            #expect(try connection.query(select).first?.string("name") == "a")
            try connection.execute("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'")
            #expect(try connection.queryFirst(select)?.string("extra") == "x")
            try connection.execute("ALTER TABLE t RENAME COLUMN name TO label")
            let row = try #require(try connection.query(select).first)
            #expect(row.string("label") == "a")
            #expect(row.values.count == 3)
            #expect(row.string("extra") == "x")
            var streamed: [String?] = []
            try connection.forEachRow(select) { streamed.append($0.string("label")) }
            #expect(streamed == ["a"])
        }
    }
}
