import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import Logging
import Synchronization
import Testing
@testable import BillingSyncDaemon

/// The daemon's reaction to `SQLITE_CORRUPT` met at run time, on a real store.
@Suite("database guard")
struct DatabaseGuardTests {
    @Test("SQLITE_CORRUPT reported by a loop: store fenced, loops told to stop, database_corrupt final in the health file")
    func runTimeCorruption() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-guard")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/mirror.sqlite"
        let store = try StoreWriter(path: path)
        let file = HealthFile(databasePath: path)
        let health = HealthMonitor(file: file)
        let databaseGuard = DatabaseGuard(databasePath: path, health: health, logger: Logger(label: "test"))
        databaseGuard.attach(store)
        let stopped = Atomic(false)
        databaseGuard.whenTripped { stopped.store(true, ordering: .relaxed) }
        let observer = DaemonObserver(watchdog: nil, health: health, notifier: nil, logger: Logger(label: "test"),
                                      databaseGuard: databaseGuard)

        observer.problem(SQLiteError(code: .busy, message: "database is locked"), in: .outbox)
        #expect(databaseGuard.tripped == nil, "SQLITE_BUSY is not damage")
        _ = try await store.write { try $0.markInterruptedRuns() }

        let malformed = SQLiteError(code: ResultCode(rawValue: 779), message: "database disk image is malformed", sql: "INSERT …")
        observer.problem(malformed, in: .reconcile)
        #expect(databaseGuard.tripped?.contains("SQLITE_CORRUPT_INDEX") == true)
        let loopsStopped = stopped.load(ordering: .relaxed)
        #expect(loopsStopped)
        await #expect(throws: StoreError.self) { try await store.write { try $0.markInterruptedRuns() } }

        let deadline = ContinuousClock.now + .seconds(5)
        while await health.state != .databaseCorrupt, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await health.state == .databaseCorrupt)
        // A loop winding down (or a late success) cannot report anything else any more.
        observer.problem(nil, in: .reconcile)
        await health.update(.healthy)
        #expect(await health.state == .databaseCorrupt)
        #expect(try file.read().state == "database_corrupt")
        #expect(try file.read().lastError?.contains("malformed") == true)
        #expect(HealthCheck.evaluate(try file.read()).verdict == .degraded)
        await store.close()
    }

    @Test("isCorruption: SQLITE_CORRUPT with each extended code and SQLITE_NOTADB, nothing else")
    func corruptionCodes() {
        for code: Int32 in [11, 267, 523, 779, 26] { #expect(ResultCode(rawValue: code).isCorruption, "\(code)") }
        for code: Int32 in [0, 1, 5, 517, 6, 10, 266, 19, 2067, 14] { #expect(!ResultCode(rawValue: code).isCorruption, "\(code)") }
        #expect(SQLiteError.corruption(in: StoreError(.corruptRow, "a bad value")) == nil)
    }
}
