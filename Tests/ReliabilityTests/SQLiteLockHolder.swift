import BillingSyncSQLite
import BillingSyncSpawn
import Foundation

/// A reporting tool that holds the database's write lock: the `sqlite3` CLI as a child process,
/// fed `BEGIN IMMEDIATE; INSERT …;` on a stdin that stays open until ``release()``.
final class SQLiteLockHolder {
    private let process = ChildProcess()
    private let input = Pipe()
    let databasePath: String

    /// Starts `sqlite3 DB`, takes the write lock and runs `statements` inside the open transaction.
    init(databasePath: String, statements: [String]) throws {
        self.databasePath = databasePath
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [databasePath]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let script = (["PRAGMA busy_timeout = 10000;", "BEGIN IMMEDIATE;"] + statements).joined(separator: "\n") + "\n"
        input.fileHandleForWriting.write(Data(script.utf8))
    }

    /// True once another connection cannot start a write transaction.
    var isHoldingLock: Bool {
        var options = ConnectionOptions()
        options.busyTimeout = .zero
        guard let probe = try? Connection(path: databasePath, mode: .readWrite, options: options) else { return false }
        defer { probe.close() }
        do {
            try probe.execute("BEGIN IMMEDIATE")
            try probe.execute("ROLLBACK")
            return false
        } catch {
            return true
        }
    }

    /// Waits until the lock is held, up to `timeout`.
    func waitForLock(timeout: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if isHoldingLock { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// Commits, closes stdin and waits for the CLI to exit.
    func release() {
        input.fileHandleForWriting.write(Data("COMMIT;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }
}
