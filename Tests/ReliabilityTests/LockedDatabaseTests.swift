import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

@Suite("reliability: another process holds the SQLite write lock", .serialized)
struct LockedDatabaseTests {
    @Test("the daemon reports database_locked, keeps its edits and pushes them once the lock goes")
    func lockedDatabase() async throws {
        let (harness, daemon) = try await DaemonLauncher.launchSynced(seed: 31, databaseLines: [#"busy_timeout = "200ms""#])
        defer { daemon.terminateIfRunning() }
        let ids = await harness.state.customerIDs()

        let holder = try SQLiteLockHolder(databasePath: harness.databasePath, statements: [
            "INSERT INTO outbox(customer_id, patch) VALUES ('\(ids[1].rawValue)', '{\"defaultAddress\":{\"addressLine2\":\"locked-1\"}}');",
        ])
        #expect(try await holder.waitForLock())
        let lockedAt = ContinuousClock.now
        // Remote changes give the daemon something to write while the lock is held.
        await harness.state.modifyProfile(ids[2]) { $0.setValue(.string("Lock City"), atPath: "defaultAddress.city") }
        let health = try await harness.waitForHealth("database_locked", timeout: .seconds(15))
        #expect(health?.state == "database_locked", "health while locked: \(String(describing: health))")
        #expect(health?.lastError?.contains("SQLITE_BUSY") == true, "last error: \(health?.lastError ?? "none")")
        #expect(daemon.process.isRunning, "the daemon died while the database was locked")
        let heldFor = ContinuousClock.now - lockedAt
        holder.release()

        let pushed = try await harness.waitUntil(timeout: .seconds(40)) { context in
            try context.edits(status: .pushed, limit: 10).count == 1
        }
        #expect(pushed, "the edit queued inside the locking transaction was not pushed")
        #expect(await harness.state.profile(ids[1])?.value(atPath: "defaultAddress.addressLine2")?.stringValue == "locked-1")
        let recovered = try await harness.waitForHealth("healthy", timeout: .seconds(5))
        #expect(recovered?.state == "healthy", "health after the lock went: \(String(describing: recovered))")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        #expect(try OutboxSQL.integrityCheck(databasePath: harness.databasePath) == ["ok"])
        print("reliability: locked-database busy_timeout=200ms lock_held_ms=\(heldFor.components.seconds * 1000 + heldFor.components.attoseconds / 1_000_000_000_000_000) "
              + "health=\(health?.state ?? "none") recovered=\(recovered?.state ?? "none") edit_pushed=\(pushed)")
        try await harness.shutdown()
    }
}
