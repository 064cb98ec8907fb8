import BillingSyncSQLite
import Foundation
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

/// Every timestamp a `StoreWriter` stamps comes from its injected clock (the simulation's clock
/// under simulation), never from the wall clock behind its back.
@Suite("The store's clock")
struct StoreClockTests {
    @Test("edits, runs and checkpoints are stamped with the writer's clock")
    func injectedClock() async throws {
        let dir = try TemporaryDirectory()
        let fixed = Date(timeIntervalSince1970: 1_000_000_000)  // 2001-09-09
        let writer = try StoreWriter(path: dir.path("mirror.db"), now: { fixed })
        let expected = Timestamp.string(from: fixed)
        let (edit, run) = try await writer.write { tx in
            let edit = try tx.enqueueEdit(customerID: StoreFixtures.alpha.rawValue, patch: #"{"email":"a@b.c"}"#,
                                          queuedBy: "test")
            try tx.setCheckpoint("k", "v")
            return (edit, try tx.beginRun(kind: "full"))
        }
        let stamps = try await writer.read { context in
            let connection = try context.connection
            return [
                try connection.queryFirst("SELECT created_at FROM outbox WHERE id = ?", [edit])?.string("created_at"),
                try connection.queryFirst("SELECT started_at FROM sync_runs WHERE id = ?", [run])?.string("started_at"),
                try connection.queryFirst("SELECT updated_at FROM sync_checkpoints WHERE key = 'k'")?.string("updated_at"),
            ]
        }
        #expect(stamps == [expected, expected, expected])
        await writer.close()
    }
}
