import BillingSyncSQLite
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Outbox and conflicts")
struct OutboxTests {
    let dir: TemporaryDirectory
    let writer: StoreWriter

    init() async throws {
        (dir, writer) = try await StoreFixtures.storeWithAlpha(seenAt: Timestamp.now())
    }

    func edit(_ id: Int64) async throws -> OutboxEdit {
        try #require(try await writer.read { try $0.edit(id: id) })
    }

    @Test("an edit moves through pushing, failed and pushed keeping or clearing its request id")
    func lifeCycle() async throws {
        let customer = StoreFixtures.alpha.rawValue
        let id = try await writer.write {
            try StoreFixtures.enqueueEdit($0, customerID: customer, patch: #"{"email":"a@b.c"}"#, baseETag: "e1",
                                          baseSnapshot: #"{"email":"old@b.c"}"#)
        }
        var current = try await edit(id)
        #expect(current.status == .pending && current.queuedBy == "test" && current.baseETag == "e1")

        try await writer.write { try $0.updateEdit(id: id, status: .pushing, lastError: nil, attempts: 1, requestID: .some("req-1"), resultETag: nil) }
        current = try await edit(id)
        #expect(current.status == .pushing && current.attempts == 1 && current.requestID == "req-1" && current.updatedAt != nil)

        try await writer.write { try $0.updateEdit(id: id, status: .pending, lastError: "timeout", attempts: nil, requestID: nil, resultETag: nil) }
        current = try await edit(id)
        #expect(current.requestID == "req-1" && current.attempts == 1 && current.lastError == "timeout")

        try await writer.write { try $0.updateEdit(id: id, status: .pushed, lastError: nil, attempts: 2, requestID: .some(nil), resultETag: "e2") }
        current = try await edit(id)
        #expect(current.status == .pushed && current.requestID == nil && current.lastError == nil)
        #expect(current.resultETag == "e2" && current.pushedAt != nil && current.attempts == 2)
        let counts = try await writer.read { try $0.counts() }
        #expect(counts.editsByStatus[.pushed] == 1 && counts.editsByStatus[.pending] == 0)
    }

    @Test("updating a missing edit fails with notFound")
    func missingEdit() async throws {
        await #expect(throws: StoreError.self) {
            try await writer.write { try $0.updateEdit(id: 999, status: .failed, lastError: "x", attempts: nil, requestID: nil, resultETag: nil) }
        }
    }

    @Test("edits are listed in queue order, filtered by status")
    func listing() async throws {
        let ids = try await writer.write { tx in
            try (0..<3).map { try tx.enqueueEdit(customerID: "c\($0)", patch: "{}", queuedBy: "test") }
        }
        try await writer.write { try $0.updateEdit(id: ids[1], status: .rejected, lastError: "bad id", attempts: nil, requestID: nil, resultETag: nil) }
        #expect(try await writer.read { try $0.edits(status: .pending, limit: 10) }.map(\.id) == [ids[0], ids[2]])
        #expect(try await writer.read { try $0.edits(status: nil, limit: 2) }.map(\.id) == [ids[0], ids[1]])
    }

    @Test("a conflict round-trips and is resolved once")
    func conflictRoundTrip() async throws {
        let customer = StoreFixtures.alpha.rawValue
        let (editID, conflictID) = try await writer.write { tx in
            let editID = try tx.enqueueEdit(customerID: customer, patch: #"{"defaultAddress":{"city":"A"}}"#,
                                            queuedBy: "sql")
            try tx.updateEdit(id: editID, status: .conflict, lastError: "remote changed city", attempts: 1, requestID: nil, resultETag: nil)
            let conflictID = try tx.recordConflict(editID: editID, customerID: customer, baseJSON: #"{"b":1}"#,
                                                   localJSON: #"{"l":1}"#, remoteJSON: #"{"r":1}"#,
                                                   fields: ["defaultAddress.city", "email"], remoteETag: "e9")
            return (editID, conflictID)
        }
        let open = try await writer.read { try $0.conflicts(openOnly: true) }
        let record = try #require(open.first)
        #expect(open.count == 1 && record.id == conflictID && record.editID == editID && record.isOpen)
        #expect(record.fields == ["defaultAddress.city", "email"] && record.remoteETag == "e9")
        #expect(record.baseJSON == #"{"b":1}"# && record.localJSON == #"{"l":1}"# && record.remoteJSON == #"{"r":1}"#)
        #expect(try await writer.read { try $0.counts() }.openConflicts == 1)

        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        defer { raw.close() }
        #expect(try raw.queryFirst("SELECT company_name FROM open_conflicts")?.string("company_name") == "Alpha")

        await #expect(throws: StoreError.self) { try await writer.write { try $0.resolveConflict(id: conflictID, resolution: "merge") } }
        try await writer.write { try $0.resolveConflict(id: conflictID, resolution: "reapply") }
        #expect(try await writer.read { try $0.conflicts(openOnly: true) }.isEmpty)
        let resolved = try #require(try await writer.read { try $0.conflict(id: conflictID) })
        #expect(resolved.resolution == "reapply" && resolved.resolvedAt != nil)
        #expect(try raw.query("SELECT * FROM open_conflicts").isEmpty)
        await #expect(throws: StoreError.self) { try await writer.write { try $0.resolveConflict(id: conflictID, resolution: "keep_remote") } }
    }
}
