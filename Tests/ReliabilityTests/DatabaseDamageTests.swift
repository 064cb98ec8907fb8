import BillingSyncSQLite
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// The real daemon against a database file with overwritten pages.
@Suite("reliability: a damaged database file", .serialized)
struct DatabaseDamageTests {
    /// The database and its WAL, byte for byte.
    static func files(_ path: String) -> [Data?] {
        [FileManager.default.contents(atPath: path), FileManager.default.contents(atPath: path + "-wal")]
    }

    @Test("overwritten mirror pages: database_corrupt within seconds of start, nothing written, no crash loop")
    func damagedAtStart() async throws {
        let launcher = try await DaemonLauncher.startPolling(customers: 60, seed: 23)
        let path = launcher.databasePath
        #expect(try await launcher.syncOnce() == 0)
        let ids = await launcher.state.customerIDs()
        // An edit waiting to be pushed, and a run left `running`: both would make a daemon write.
        try OutboxSQL.insert(databasePath: path, customerID: ids[0].rawValue, patch: #"{"defaultAddress":{"city":"Damaged"}}"#)
        _ = try OutboxSQL.insert(databasePath: path, sql: "INSERT INTO sync_runs (kind, started_at) VALUES ('full', '2026-12-04T00:00:00.000Z')", [])
        let pages = try DatabaseDamage.overwriteLeafPages(of: ["customers", "billing_profiles"], in: path)
        #expect(!pages.isEmpty)
        let damaged = Self.files(path)

        let daemon = try launcher.launch()
        defer { daemon.terminateIfRunning() }
        let started = ContinuousClock.now
        let health = try await launcher.waitForHealth("database_corrupt", timeout: .seconds(20))
        let noticedAfter = started.duration(to: .now)
        #expect(health?.state == "database_corrupt", "health: \(String(describing: health))\n\(daemon.output)")
        #expect(noticedAfter < .seconds(10))
        #expect(health?.lastError?.contains("quick_check") == true, "last error: \(health?.lastError ?? "none")")
        #expect(Self.files(path) == damaged, "the database or its WAL changed before the damage was noticed")
        #expect(try await launcher.notify.waitFor("READY=1", timeout: .seconds(5)))
        let status = try await launcher.notify.waitFor(.seconds(5)) { $0.hasPrefix("STATUS=Database corrupt") }
        #expect(status != nil, "STATUS= lines: \(launcher.notify.lines)")

        // The loops would have written within these seconds (audit polls every 200 ms, an edit is pending).
        try await Task.sleep(for: .seconds(3))
        #expect(daemon.process.isRunning, "the daemon exited (a crash loop under Restart=on-failure):\n\(daemon.output)")
        #expect(Self.files(path) == damaged, "the daemon wrote to the damaged database")

        let executable = try BillingSyncProcess.executableURL().path
        let statusRun = try await ProgramRun.run(executable, ["status", "--database", path])
        #expect(statusRun.status == 1, "\(statusRun.output)\(statusRun.errors)")
        #expect(statusRun.output.contains("database_corrupt"), "\(statusRun.output)")
        let check = try await ProgramRun.run(executable, ["db", "check", "--database", path])
        #expect(check.status == 2, "\(check.output)\(check.errors)")
        #expect(check.output.contains("DAMAGED") && check.output.contains("SQLITE_CORRUPT"), "\(check.output)")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(Self.files(path) == damaged, "stopping the daemon wrote to the damaged database")
        print("reliability: damaged database pages=\(pages.count) noticed_after_ms=\(noticedAfter.components.seconds * 1000 + noticedAfter.components.attoseconds / 1_000_000_000_000_000) unchanged=true")
        try await launcher.shutdown()
    }

    @Test("a file SQLite cannot open as a database (header overwritten): database_corrupt, still up, untouched")
    func notADatabase() async throws {
        let launcher = try await DaemonLauncher.startPolling(customers: 12, seed: 29)
        let path = launcher.databasePath
        #expect(try await launcher.syncOnce() == 0)
        // Every page in the file itself: a newer page 1 in the WAL would stand in for the damaged header.
        let connection = try Connection(path: path, mode: .readWrite)
        try connection.checkpoint(.truncate)
        connection.close()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 100))
        try handle.close()
        let damaged = Self.files(path)

        let daemon = try launcher.launch()
        defer { daemon.terminateIfRunning() }
        let health = try await launcher.waitForHealth("database_corrupt", timeout: .seconds(20))
        #expect(health?.state == "database_corrupt", "health: \(String(describing: health))\n\(daemon.output)")
        #expect(health?.lastError?.contains("SQLITE_NOTADB") == true, "last error: \(health?.lastError ?? "none")")
        #expect(try await launcher.notify.waitFor("READY=1", timeout: .seconds(5)))
        try await Task.sleep(for: .seconds(2))
        #expect(daemon.process.isRunning, "\(daemon.output)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(Self.files(path) == damaged)
        try await launcher.shutdown()
    }
}
