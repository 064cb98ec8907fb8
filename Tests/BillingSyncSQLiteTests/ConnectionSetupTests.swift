import Foundation
import Testing
@testable import BillingSyncSQLite

@Suite("Opening and configuring connections")
struct ConnectionSetupTests {
    @Test("readWriteCreate creates the file in WAL mode with the durability pragmas")
    func readWriteCreateConfiguresWAL() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try connection.scalar(String.self, "PRAGMA journal_mode") == "wal")
            #expect(try connection.scalar(Int.self, "PRAGMA foreign_keys") == 1)
            #expect(try connection.scalar(Int.self, "PRAGMA synchronous") == 2)
            #expect(try connection.scalar(Int.self, "PRAGMA journal_size_limit") == 64 * 1024 * 1024)
            #expect(try connection.scalar(Int.self, "PRAGMA wal_autocheckpoint") == 1000)
            #expect(try connection.scalar(Int.self, "PRAGMA query_only") == 0)
            #expect(try connection.scalar(Int.self, "PRAGMA cache_size") == -4096)
            // A reader keeps SQLite's default page cache.
            let reader = try Connection(path: path, mode: .readOnly)
            #expect(try reader.scalar(Int.self, "PRAGMA cache_size") == -2000)
        }
    }

    @Test("options change the pragmas")
    func optionsApply() throws {
        try withTemporaryDatabase { path in
            let options = ConnectionOptions(
                synchronous: .normal, journalSizeLimit: 4096, walAutoCheckpointPages: 50, foreignKeys: false,
                writerCacheKiB: 512)
            let connection = try Connection(path: path, mode: .readWriteCreate, options: options)
            #expect(try connection.scalar(Int.self, "PRAGMA synchronous") == 1)
            #expect(try connection.scalar(Int.self, "PRAGMA journal_size_limit") == 4096)
            #expect(try connection.scalar(Int.self, "PRAGMA wal_autocheckpoint") == 50)
            #expect(try connection.scalar(Int.self, "PRAGMA foreign_keys") == 0)
            #expect(try connection.scalar(Int.self, "PRAGMA cache_size") == -512)
        }
    }

    @Test("the WAL file outlives the last connection only with persistent WAL")
    func persistentWAL() throws {
        try withTemporaryDatabase { path in
            let persistent = try Connection(path: path, mode: .readWriteCreate)
            try persistent.execute("CREATE TABLE t(x)")
            persistent.close()
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))

            let transient = try Connection(
                path: path, mode: .readWrite, options: ConnectionOptions(persistentWAL: false))
            try transient.run("INSERT INTO t(x) VALUES (1)")
            transient.close()
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    @Test("readWrite and readOnly refuse a missing file with SQLITE_CANTOPEN naming the path")
    func missingFile() throws {
        try withTemporaryDatabase { path in
            for mode in [OpenMode.readWrite, .readOnly] {
                let error = #expect(throws: SQLiteError.self) { try Connection(path: path, mode: mode) }
                #expect(error?.code.primary == .cantOpen)
                #expect(error?.message.contains(path) == true)
            }
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a file that is not a database is refused at open")
    func notADatabase() throws {
        try withTemporaryDatabase { path in
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: SQLiteError.self) { try Connection(path: path, mode: .readWrite) }
            #expect(error?.code == .notADatabase)
        }
    }

    @Test("a write-protected file is refused for writing instead of silently opening read-only",
          .enabled(if: getuid() != 0, "root ignores file permissions"))
    func writeProtectedFile() throws {
        try withTemporaryDatabase { path in
            try Connection(path: path, mode: .readWriteCreate).execute("CREATE TABLE t(x)")
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            let error = #expect(throws: SQLiteError.self) { try Connection(path: path, mode: .readWrite) }
            #expect(error?.code == .readonly)
            #expect(error?.message == "the database file is not writable: \(path)")
        }
    }

    @Test("a read-only connection reads but refuses writes")
    func readOnly() throws {
        try withTemporaryDatabase { path in
            let writer = try Connection(path: path, mode: .readWriteCreate)
            try writer.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            let reader = try Connection(path: path, mode: .readOnly)
            #expect(try reader.scalar(Int.self, "SELECT x FROM t") == 1)
            #expect(try reader.scalar(Int.self, "PRAGMA query_only") == 1)
            let error = #expect(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (2)") }
            #expect(error?.code.primary == .readonly)
        }
    }

    @Test("data_version moves when another connection commits, not for our own commits")
    func dataVersion() throws {
        try withTemporaryDatabase { path in
            let watcher = try Connection(path: path, mode: .readWriteCreate)
            try watcher.execute("CREATE TABLE t(x)")
            let before = try watcher.dataVersion()
            try watcher.run("INSERT INTO t VALUES (1)")
            #expect(try watcher.dataVersion() == before)
            let other = try Connection(path: path, mode: .readWrite)
            try other.run("INSERT INTO t VALUES (2)")
            #expect(try watcher.dataVersion() != before)
        }
    }

    @Test("a passive checkpoint copies the WAL into the database; integrity check says ok")
    func checkpointAndIntegrity() throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("CREATE TABLE t(x)")
            for number in 0..<100 {
                try connection.run("INSERT INTO t VALUES (?)", [number])
            }
            let passive = try connection.checkpoint()
            #expect(passive.walFrames > 0)
            #expect(passive.checkpointed == passive.walFrames)
            let truncated = try connection.checkpoint(.truncate)
            #expect(truncated.walFrames == 0)
            #expect(fileSize(path + "-wal") == 0)
            #expect(try connection.integrityCheck() == ["ok"])
        }
    }

    @Test("busy timeouts convert to whole milliseconds")
    func busyTimeoutConversion() {
        #expect(ConnectionOptions().busyTimeoutMilliseconds == 5000)
        #expect(ConnectionOptions(busyTimeout: .milliseconds(250)).busyTimeoutMilliseconds == 250)
        #expect(ConnectionOptions(busyTimeout: .seconds(-1)).busyTimeoutMilliseconds == 0)
        #expect(ConnectionOptions(busyTimeout: .seconds(Int64.max)).busyTimeoutMilliseconds == Int32.max)
    }
}
