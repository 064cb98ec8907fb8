import Foundation
import Testing
@testable import BillingSyncSQLite

/// The mirror holds customer names and addresses: the files SQLite creates must not be readable
/// by other users, whatever the umask (the end-to-end test sets umask 0022 on the real binary).
@Suite("Permissions of the database files a connection creates")
struct FilePermissionTests {
    /// This process's umask, read from /proc (setting it to read it would race other tests).
    static func currentUmask() throws -> UInt32 {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") })
        return try #require(UInt32(line.split(separator: "\t").last.map(String.init) ?? "", radix: 8))
    }

    static func permissions(_ path: String) -> UInt32? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return UInt32(status.st_mode) & 0o777
    }

    @Test("a created database, its -wal and -shm get the creation mode (default 0640), never 0644")
    func createdFilesGetTheCreationMode() throws {
        let umask = try Self.currentUmask()
        for (options, bits) in [(ConnectionOptions(), UInt32(0o640)), (ConnectionOptions(creationMode: 0o600), 0o600)] {
            try withTemporaryDatabase { path in
                let connection = try Connection(path: path, mode: .readWriteCreate, options: options)
                try connection.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
                let expected = bits & ~umask
                for file in [path, path + "-wal", path + "-shm"] {
                    #expect(Self.permissions(file) == expected, "\(file): \(String(Self.permissions(file) ?? 0, radix: 8))")
                }
                #expect(try connection.scalar(Int.self, "SELECT x FROM t") == 1)
            }
        }
    }

    @Test("an existing database keeps its permissions")
    func existingFileKeepsItsMode() throws {
        try withTemporaryDatabase { path in
            try Connection(path: path, mode: .readWriteCreate).close()
            chmod(path, 0o600)
            let connection = try Connection(path: path, mode: .readWriteCreate)
            try connection.execute("CREATE TABLE t(x)")
            #expect(Self.permissions(path) == 0o600)
        }
    }
}
