import BillingSyncFixtures
import BillingSyncSQLite
import Foundation
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Schema version 5: needs_review, country rules, address validations")
struct AddressValidationSchemaTests {
    static let customer = "eebd1b55-5360-4438-a11d-5c06918c3014"

    /// A database at version 4 with three edits (the last one deleted, so the AUTOINCREMENT
    /// sequence is ahead of max(id)) and a conflict pointing at edit 2.
    static func version4(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.path("mirror.db")
        let connection = try Connection(path: path, mode: .readWriteCreate)
        try Migrator(migrations: Array(StoreSchema.migrations.prefix(4))).migrate(connection)
        #expect(try connection.userVersion == 4)
        for patch in [#"{"email":"a@b.c"}"#, #"{"email":"d@e.f"}"#, #"{"email":"g@h.i"}"#] {
            try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)", [customer, patch])
        }
        try connection.run("UPDATE outbox SET status = 'conflict' WHERE id = 2")
        try connection.run("DELETE FROM outbox WHERE id = 3")
        try connection.run("""
            INSERT INTO conflicts (edit_id, customer_id, local_json, remote_json, detected_at)
            VALUES (2, ?, '{}', '{}', '2026-12-04T00:00:00Z')
            """, [customer])
        return path
    }

    @Test("migrating 4 → 5 keeps the edits, their ids, the sequence, the conflict and the triggers")
    func migrationKeepsOutbox() async throws {
        let dir = try TemporaryDirectory()
        let path = try Self.version4(dir)
        let writer = try StoreWriter(path: path)
        #expect(try await writer.info().schemaVersion == Int(StoreSchema.currentVersion))
        let edits = try await writer.read { try $0.edits(status: nil, limit: 10) }
        #expect(edits.map(\.id) == [1, 2])
        #expect(edits.map(\.status) == [.pending, .conflict])
        #expect(try await writer.read { try $0.conflicts(openOnly: true) }.map(\.editID) == [2])
        let next = try await writer.write { try $0.enqueueEdit(customerID: Self.customer.uppercased(), patch: "{}",
                                                                queuedBy: "test") }
        #expect(next == 4, "AUTOINCREMENT never reuses the deleted id 3")
        await writer.close()
        let raw = try Connection(path: path, mode: .readWrite)
        #expect(try raw.query("SELECT customer_id FROM outbox WHERE id = 4").first?.string("customer_id") == Self.customer)
        #expect(try raw.query("PRAGMA foreign_key_check").isEmpty)
        try raw.run("UPDATE outbox SET status = 'pushed' WHERE id = 1")
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'pending' WHERE id = 1") }
        for view in ["open_conflicts", "pending_edits", "address_findings", "edits_needing_review"] {
            _ = try raw.query("SELECT * FROM \(view)")
        }
    }

    @Test("needs_review is entered only from an open edit and left only to pending or cancelled; cancelled is final")
    func transitions() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        for _ in 0..<3 { try raw.run("INSERT INTO outbox (customer_id, patch) VALUES (?, '{}')", [Self.customer]) }
        try raw.run("UPDATE outbox SET status = 'needs_review' WHERE id IN (1, 2)")
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'pushed' WHERE id = 1") }
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'cancelled' WHERE id = 3") }
        try raw.run("UPDATE outbox SET status = 'failed' WHERE id = 3")
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'needs_review' WHERE id = 3") }
        try raw.run("UPDATE outbox SET status = 'cancelled' WHERE id = 1")
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'pending' WHERE id = 1") }
        try raw.run("UPDATE outbox SET status = 'pending' WHERE id = 2")
        #expect(throws: SQLiteError.self) { try raw.run("UPDATE outbox SET status = 'waiting' WHERE id = 2") }
        let statuses = try raw.query("SELECT status FROM outbox ORDER BY id").compactMap { $0.string("status") }
        #expect(statuses == ["cancelled", "pending", "failed"])
        #expect(statuses.allSatisfy { EditStatus(rawValue: $0) != nil })
    }

    @Test("review actions: accept rewrites the patch keeping the base, push-as-is is recorded, cancel is final")
    func reviewActions() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let ids = try await writer.write { tx in
            try (0..<3).map { _ in
                try StoreFixtures.enqueueEdit(tx, customerID: Self.customer, patch: #"{"defaultAddress":{"addressLine1":"Main St"}}"#,
                                              baseETag: "e1", baseSnapshot: #"{"id":"p"}"#)
            }
        }
        for id in ids {
            try await writer.write { try $0.updateEdit(id: id, status: .needsReview, lastError: "StreetPartial", attempts: 1,
                                                       requestID: nil, resultETag: nil) }
        }
        let accepted = #"{"defaultAddress":{"addressLine1":"1 Main St"}}"#
        try await writer.write { try $0.review(editID: ids[0], .accept(number: 1, patch: accepted)) }
        try await writer.write { try $0.review(editID: ids[1], .pushAsIs) }
        try await writer.write { try $0.review(editID: ids[2], .cancel) }
        await #expect(throws: StoreError.self) { try await writer.write { try $0.review(editID: ids[2], .pushAsIs) } }
        let edits = try await writer.read { try $0.edits(status: nil, limit: 10) }
        #expect(edits.map(\.status) == [.pending, .pending, .cancelled])
        #expect(edits[0].patchText == accepted && edits[0].baseETag == "e1" && edits[0].attempts == 0)
        #expect(edits[0].reviewAction == "accepted:1" && !edits[0].isPushAsIs)
        #expect(edits[1].isPushAsIs && edits[1].patchText.contains("Main St"))
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        #expect(try raw.query("SELECT patch_before_review FROM outbox WHERE id = ?", [ids[0]]).first?
            .string("patch_before_review")?.contains(#""Main St""#) == true)
    }

    @Test("address_findings shows the latest answer per customer with its first suggestion")
    func findingsView() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let other = "0a1b2c3d-0000-4000-8000-00000000beef"
        try await writer.write { tx in
            for (customer, status, time) in [(Self.customer, "StreetPartial", "2026-12-04T10:00:00Z"),
                                             (Self.customer, "VerifiedShippable", "2026-12-04T11:00:00Z"),
                                             (other, "InteractionRequired", "2026-12-04T09:00:00Z")] {
                try tx.recordAddressValidation(AddressValidationRecord(
                    outboxID: nil, customerID: customer, status: status,
                    suggestionsJSON: #"[{"postalCode":"98052-1234"},{"postalCode":"98052"}]"#, message: "m \(status)",
                    ruleFindingsJSON: "[]", profileHash: "h", checkedAt: time, source: .audit))
            }
            try tx.saveCountryRules(iso2: "us", rawJSON: #"{"iso2Code":"US"}"#, fetchedAt: "2026-12-04T00:00:00Z")
            try tx.saveCountryRules(iso2: "UK", rawJSON: nil, fetchedAt: "2026-12-04T00:00:00Z")
        }
        #expect(try await writer.read { try $0.countryRules(iso2: "US") }?.rawJSON == #"{"iso2Code":"US"}"#)
        #expect(try await writer.read { try $0.countryRules(iso2: "uk") }.map { $0.rawJSON == nil } == true)
        #expect(try await writer.read { try $0.countryRules(iso2: "DE") } == nil)
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        let rows = try raw.query("""
            SELECT customer_id, status, is_verified, message, suggestion FROM address_findings ORDER BY customer_id
            """)
        #expect(rows.map { $0.string("status") } == ["InteractionRequired", "VerifiedShippable"])
        #expect(rows.map { $0.int("is_verified") } == [0, 1])
        #expect(rows.first?.string("suggestion") == #"{"postalCode":"98052-1234"}"#)
        // The reporting query docs/schema.md gives, as written there.
        let text = try DocumentedSQL.schemaText()
        let comment = try #require(text.range(of: "-- Customers whose invoices may bounce"))
        let line = try #require(text.range(of: "\n", range: comment.upperBound..<text.endIndex))
        let end = try #require(text.range(of: ";", range: line.upperBound..<text.endIndex))
        let bouncing = try raw.query(String(text[line.upperBound..<end.lowerBound]))
        #expect(bouncing.map { $0.string("customer_id") } == [other] && bouncing.first?.string("status") == "InteractionRequired")
    }
}

@Suite("The review steps of docs/schema.md, in plain SQL")
struct DocumentedReviewSQLTests {
    @Test("accept rewrites the address from suggestion 1, push as is and cancel are recorded; only needs_review rows change")
    func documentedStatementsWork() async throws {
        let updates = try DocumentedSQL.reviewUpdates()
        #expect(updates.count == 3)
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let customer = AddressValidationSchemaTests.customer
        let ids = try await writer.write { tx in
            try (0..<4).map { _ in
                try StoreFixtures.enqueueEdit(tx, customerID: customer, patch: #"{"defaultAddress":{"addressLine1":"Microsoft Way"},"email":"a@b.c"}"#,
                                              baseETag: "e", baseSnapshot: "{}")
            }
        }
        for id in ids.prefix(3) {
            try await writer.write { tx in
                try tx.updateEdit(id: id, status: .needsReview, lastError: "StreetPartial", attempts: 1, requestID: nil, resultETag: nil)
                try tx.recordAddressValidation(AddressValidationRecord(
                    outboxID: id, customerID: customer, status: "StreetPartial",
                    suggestionsJSON: #"[{"addressLine1":"1 Microsoft Way","postalCode":"98052-6399"},{"addressLine1":"10 Microsoft Way"}]"#,
                    message: nil, ruleFindingsJSON: "[]", profileHash: nil, checkedAt: "2026-12-04T00:00:00Z", source: .push))
            }
        }
        await writer.close()
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        #expect(try tool.query("SELECT id FROM edits_needing_review").count == 3)
        for (statement, id) in zip(updates, ids) {
            try tool.run(statement.replacingOccurrences(of: "42", with: String(id)))
            try tool.run(statement.replacingOccurrences(of: "42", with: String(ids[3])))  // a pending edit: unchanged
        }
        let reader = try StoreWriter(path: dir.path("mirror.db"))
        let edits = try await reader.read { try $0.edits(status: nil, limit: 10) }
        #expect(edits.map(\.status) == [.pending, .pending, .cancelled, .pending])
        #expect(edits.map(\.reviewAction) == ["accepted:1", "push_as_is", "cancelled", nil])
        let accepted = try JSONValue(parsing: edits[0].patchText)
        #expect(accepted.value(atPath: "defaultAddress.addressLine1") == .string("1 Microsoft Way"))
        #expect(accepted.value(atPath: "defaultAddress.postalCode") == .string("98052-6399"))
        #expect(accepted.value(atPath: "email") == .string("a@b.c"))
        #expect(edits[1].patchText.contains(#""Microsoft Way""#) && edits[3].reviewAction == nil)
        await reader.close()
    }
}
