import Foundation
import Testing
import BillingSyncSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Another process (the `sqlite3` shell) working on the same database file at the same time.
@Suite("Sharing the database with other processes", .enabled(if: SQLiteCLIProcess.executable != nil, "needs the sqlite3 CLI"))
struct MultiProcessTests {
    private static let schema = "CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"

    @Test("another process reads committed data while our write transaction is open")
    func readerSeesCommittedState() throws {
        try withTemporaryDatabase { path in
            let writer = try Connection(path: path, mode: .readWriteCreate)
            try writer.execute(Self.schema)
            for name in ["a", "b", "c"] {
                try writer.run("INSERT INTO t(payload) VALUES (?)", [name])
            }
            let select = "SELECT count(*), group_concat(payload, ',') FROM t;"
            let during = try writer.transaction {
                try writer.run("INSERT INTO t(payload) VALUES (?)", ["uncommitted 1"])
                try writer.run("DELETE FROM t WHERE payload = ?", ["a"])
                let inProcess = try Connection(path: path, mode: .readOnly)
                #expect(try inProcess.scalar(Int.self, "SELECT count(*) FROM t") == 3)
                return try SQLiteCLIProcess.run(databasePath: path, sql: select, arguments: ["-readonly"])
            }
            #expect(during.status == 0)
            #expect(during.errorOutput == "")
            #expect(during.output == "3|a,b,c\n")

            let after = try SQLiteCLIProcess.run(databasePath: path, sql: select)
            #expect(after.output == "3|b,c,uncommitted 1\n")
        }
    }

    @Test("a writer blocked by another process waits the busy timeout without spinning, then reports SQLITE_BUSY")
    func busyTimeoutWaitsThenFails() throws {
        try withTemporaryDatabase { path in
            let timeout = Duration.milliseconds(800)
            let writer = try Connection(path: path, mode: .readWriteCreate, options: ConnectionOptions(busyTimeout: timeout))
            try writer.execute(Self.schema)

            let holder = try SQLiteCLIProcess(databasePath: path)
            try holder.execute("BEGIN IMMEDIATE; INSERT INTO t(payload) VALUES ('held');")

            let clock = ContinuousClock()
            let cpuBefore = threadCPUTime()
            let started = clock.now
            let outcome = Result { try writer.transaction { try writer.run("INSERT INTO t(payload) VALUES ('ours')") } }
            let waited = clock.now - started
            let cpuUsed = threadCPUTime() - cpuBefore

            let error = try #require(#expect(throws: SQLiteError.self) { try outcome.get() })
            #expect(error.code == .busy)
            #expect(error.sql == "BEGIN IMMEDIATE")
            #expect(error.description == "SQLite error 5 (SQLITE_BUSY): database is locked — while executing: BEGIN IMMEDIATE")
            #expect(waited >= timeout, "gave up after \(waited), before the \(timeout) busy timeout")
            #expect(waited < timeout + .seconds(3), "waited \(waited), far beyond the busy timeout")
            #expect(cpuUsed < waited * 0.3, "burned \(cpuUsed) of CPU while waiting \(waited)")
            #expect(!writer.isInTransaction)

            // Once the other process ends (rolling back its open transaction), writing works again.
            #expect(holder.finish().status == 0)
            try writer.transaction { try writer.run("INSERT INTO t(payload) VALUES ('ours')") }
            #expect(try writer.query("SELECT payload FROM t").map { $0.string("payload") } == ["ours"])
        }
    }

    @Test("a writer killed with SIGKILL mid-transaction leaves a sound database without its rows")
    func killedWriterRollsBack() throws {
        try withTemporaryDatabase { path in
            let setup = try Connection(path: path, mode: .readWriteCreate)
            try setup.execute(Self.schema)
            for number in 1...10 {
                try setup.run("INSERT INTO t(payload) VALUES (?)", ["committed \(number)"])
            }
            setup.close()
            let walBefore = fileSize(path + "-wal") ?? 0

            let child = try SQLiteCLIProcess(databasePath: path)
            // A tiny page cache forces the uncommitted pages out to the WAL file before the kill.
            try child.execute("""
                PRAGMA cache_size = 50;
                BEGIN IMMEDIATE;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
                INSERT INTO t(payload) SELECT 'uncommitted ' || hex(randomblob(100)) FROM n;
                """)
            let walDuring = fileSize(path + "-wal") ?? 0
            #expect(walDuring > walBefore + 1_000_000, "the uncommitted rows should have reached the WAL file")

            let outcome = child.killHard()
            #expect(outcome.reason == .uncaughtSignal)
            #expect(outcome.status == SIGKILL)

            let survivor = try Connection(path: path, mode: .readWrite)
            #expect(try survivor.integrityCheck() == ["ok"])
            #expect(try survivor.scalar(Int.self, "SELECT count(*) FROM t") == 10)
            #expect(try survivor.scalar(Int.self, "SELECT count(*) FROM t WHERE payload LIKE 'uncommitted%'") == 0)
            try survivor.run("INSERT INTO t(payload) VALUES (?)", ["after the crash"])
            #expect(try survivor.scalar(Int.self, "SELECT count(*) FROM t") == 11)
        }
    }
}

/// CPU time (user + system) consumed so far by the calling thread.
///
/// Per thread rather than `RUSAGE_SELF`: other test suites run in parallel in this process, and
/// their CPU use must not be counted against the waiting writer.
private func threadCPUTime() -> Duration {
    var usage = rusage()
    getrusage(__rusage_who_t(1), &usage)  // RUSAGE_THREAD (1); glibc hides the name without _GNU_SOURCE
    func duration(_ time: timeval) -> Duration {
        .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}
