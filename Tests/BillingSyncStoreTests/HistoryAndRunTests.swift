import BillingSyncSQLite
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("History, runs and checkpoints")
struct HistoryAndRunTests {
    @Test("history entries are stored with their detection time and shown in recent_drift")
    func history() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let alpha = StoreFixtures.alpha
        let recent = Timestamp.now()
        try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(alpha, name: "Alpha"), seenAt: recent)
            try tx.appendHistory([
                HistoryEntry(customerID: alpha, field: "email", oldValue: "a@x.y", newValue: nil, oldETag: "1", newETag: "2", source: .remote),
            ], detectedAt: "2020-01-01T00:00:00.000Z")
            try tx.appendHistory([
                HistoryEntry(customerID: alpha, field: "defaultAddress.city", oldValue: "Redmond", newValue: "Seattle",
                             oldETag: "2", newETag: "3", source: .push, editID: 7),
                HistoryEntry(customerID: alpha, field: "firstName", oldValue: "X", newValue: "FirstName",
                             oldETag: "3", newETag: "3", source: .localTampering),
            ], detectedAt: recent)
        }
        let rows = try await writer.read { try $0.history(customerID: alpha, limit: 10) }
        #expect(rows.map(\.entry.field) == ["firstName", "defaultAddress.city", "email"])
        #expect(rows[1].entry.editID == 7 && rows[1].entry.source == .push && rows[1].detectedAt == recent)
        #expect(rows[2].entry.newValue == nil && rows[2].entry.oldValue == "a@x.y")
        #expect(try await writer.read { try $0.history(customerID: alpha, limit: 1) }.count == 1)

        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        defer { raw.close() }
        let drift = try raw.query("SELECT field, company_name FROM recent_drift ORDER BY id")
        #expect(drift.map { $0.string("field") } == ["defaultAddress.city", "firstName"], "the 2020 change is older than 7 days")
        #expect(drift.first?.string("company_name") == "Alpha")
    }

    @Test("runs are begun, finished, and left-over running ones become interrupted")
    func runs() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let (done, crashed) = try await writer.write { tx in
            let done = try tx.beginRun(kind: "full")
            try tx.finishRun(id: done, status: "ok", counts: SyncRunCounts(customersSeen: 5, profilesFetched: 4,
                             profilesChanged: 1, profilesUnchanged: 3, customersRemoved: 1, errors: 0), message: "fine")
            return (done, try tx.beginRun(kind: "incremental"))
        }
        let interrupted = try await writer.write { try $0.markInterruptedRuns() }
        #expect(interrupted == 1)
        let runs = try await writer.read { try $0.recentRuns(limit: 10) }
        #expect(runs.map(\.id) == [crashed, done])
        #expect(runs[0].status == "interrupted" && runs[0].finishedAt != nil && runs[0].kind == "incremental")
        #expect(runs[1].counts == SyncRunCounts(customersSeen: 5, profilesFetched: 4, profilesChanged: 1,
                                                 profilesUnchanged: 3, customersRemoved: 1, errors: 0))
        #expect(runs[1].message == "fine" && runs[1].status == "ok")
        await #expect(throws: StoreError.self) { try await writer.write { _ = try $0.beginRun(kind: "weekly") } }
        await #expect(throws: StoreError.self) {
            try await writer.write { try $0.finishRun(id: 999, status: "ok", counts: SyncRunCounts(), message: nil) }
        }
    }

    @Test("checkpoints are replaced, and a failing write rolls back as a whole")
    func checkpointsAndRollback() async throws {
        struct Boom: Error {}
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { try $0.setCheckpoint("audit", "a") }
        try await writer.write { try $0.setCheckpoint("audit", "b") }
        await #expect(throws: Boom.self) {
            try await writer.write { tx in
                try tx.setCheckpoint("audit", "c")
                throw Boom()
            }
        }
        #expect(try await writer.read { try $0.checkpoint("audit") } == "b")
        #expect(try await writer.read { try $0.checkpoint("missing") } == nil)
    }
}
