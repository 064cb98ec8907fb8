import BillingSyncStore
import BillingSyncTesting
import BillingSyncSpawn
import Foundation
import Testing
@testable import BillingSyncDaemon

@Suite("The inotify watcher of the database's WAL")
struct DatabaseChangeWatcherTests {
    private func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("watcher-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("billing.sqlite").path
    }

    /// Waits until a 200 ms wait passes without a hint (the hints of opening the files are
    /// drained); false when hints keep coming for 10 s.
    private func settled(_ watcher: DatabaseChangeWatcher) async throws -> Bool {
        for _ in 0..<50 {
            if try await !watcher.waitForChange(upTo: .milliseconds(200)) { return true }
        }
        return false
    }

    @Test("a commit of another connection is a hint at once; a quiet database gives none")
    func commitOfAnotherConnection() async throws {
        let path = try temporaryDatabasePath()
        let daemonStore = try StoreWriter(path: path)
        let tool = try StoreWriter(path: path)
        let watcher = try DatabaseChangeWatcher(databasePath: path)
        defer { watcher.stop() }
        #expect(watcher.fileNames == ["billing.sqlite", "billing.sqlite-wal"])
        #expect(try await settled(watcher), "nothing commits, so waits run out")
        let before = try await daemonStore.dataVersion()
        try await tool.write { try $0.setCheckpoint("watcher.test", "1") }
        let started = ContinuousClock.now
        #expect(try await watcher.waitForChange(upTo: .seconds(10)), "the WAL write is seen before the timeout")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(try await daemonStore.dataVersion() != before, "and data_version confirms the commit")
        await tool.close()
        await daemonStore.close()
    }

    @Test("a commit of another process (the sqlite3 shell) is a hint",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func commitOfAnotherProcess() async throws {
        let path = try temporaryDatabasePath()
        let daemonStore = try StoreWriter(path: path)
        let watcher = try DatabaseChangeWatcher(databasePath: path)
        defer { watcher.stop() }
        #expect(try await settled(watcher))
        let before = try await daemonStore.dataVersion()
        let shell = ChildProcess()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [path, "PRAGMA busy_timeout = 5000; CREATE TABLE probe(x); INSERT INTO probe VALUES (1);"]
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        #expect(try await watcher.waitForChange(upTo: .seconds(10)))
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(try await daemonStore.dataVersion() != before)
        await daemonStore.close()
    }

    @Test("a database in a directory that does not exist falls back to polling, logged once")
    func missingDirectoryFallsBack() throws {
        let path = "/nonexistent-\(UUID().uuidString.prefix(8))/billing.sqlite"
        let error = #expect(throws: DatabaseChangeWatcherError.self) { try DatabaseChangeWatcher(databasePath: path) }
        #expect(error?.code == .watchFailed)
        #expect(error?.path == URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let capture = LogCapture()
        #expect(DatabaseChangeWatcher.start(databasePath: path, logger: capture.logger()) == nil)
        let lines = capture.text.split(separator: "\n").filter { $0.contains("inotify unavailable") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("warning") == true)
    }

    @Test("a cancelled wait throws at once, and stop() ends the reader thread")
    func cancellationAndStop() async throws {
        let path = try temporaryDatabasePath()
        let watcher = try DatabaseChangeWatcher(databasePath: path)
        #expect(try await settled(watcher))
        let waiting = Task { try await watcher.waitForChange(upTo: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(50))
        let cancelledAt = ContinuousClock.now
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ContinuousClock.now - cancelledAt < .seconds(10))
        #expect(watcher.isRunning)
        watcher.stop()
        let deadline = ContinuousClock.now + .seconds(10)
        while watcher.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!watcher.isRunning, "the thread returned (closing its descriptors)")
    }
}
