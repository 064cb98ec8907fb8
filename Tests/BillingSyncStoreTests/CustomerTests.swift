import BillingSyncSQLite
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Customers")
struct CustomerTests {
    @Test("customers missing from a full run are marked removed, kept, and restored when they reappear")
    func removedAndReappearing() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let (alpha, beta) = (StoreFixtures.alpha, StoreFixtures.beta)
        try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(alpha, name: "Alpha"), seenAt: "2026-11-20T10:00:00.000Z")
            try tx.upsertCustomer(StoreFixtures.customer(beta, name: "Beta"), seenAt: "2026-11-20T10:00:00.000Z")
        }
        let removed = try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(alpha, name: "Alpha 2"), seenAt: "2026-11-21T10:00:01.000Z")
            return try tx.markCustomersRemoved(notSeenSince: "2026-11-21T10:00:00.000Z", at: "2026-11-21T10:05:00.000Z")
        }
        #expect(removed == [beta])
        #expect(try await writer.read { try $0.customerIDs(includeRemoved: false) } == [alpha])
        #expect(try await writer.read { try $0.customerIDs(includeRemoved: true) } == [beta, alpha].sorted())
        let gone = try #require(try await writer.read { try $0.customer(beta) })
        #expect(gone.removedAt == "2026-11-21T10:05:00.000Z" && gone.record.companyName == "Beta")
        let renamed = try #require(try await writer.read { try $0.customer(alpha) })
        #expect(renamed.record.companyName == "Alpha 2" && renamed.removedAt == nil)
        let counts = try await writer.read { try $0.counts() }
        #expect(counts.activeCustomers == 1 && counts.removedCustomers == 1)

        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        defer { raw.close() }
        #expect(try raw.query("SELECT customer_id FROM current_profiles").compactMap { $0.string("customer_id") } == [alpha.rawValue])

        try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(beta, name: "Beta"), seenAt: "2026-11-22T10:00:00.000Z")
            #expect(try tx.markCustomersRemoved(notSeenSince: "2026-11-22T09:00:00.000Z", at: "2026-11-22T10:05:00.000Z") == [alpha])
        }
        let back = try #require(try await writer.read { try $0.customer(beta) })
        #expect(back.removedAt == nil)
        let row = try #require(try raw.queryFirst("SELECT * FROM customers WHERE id = ?", [beta.rawValue]))
        #expect(row.string("first_seen_at") == "2026-11-20T10:00:00.000Z")
        #expect(row.string("last_seen_at") == "2026-11-22T10:00:00.000Z")
    }

    @Test("customers deleted in the audit feed are marked removed by id, once")
    func removedByID() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(StoreFixtures.alpha, name: "Alpha"), seenAt: "2026-11-20T10:00:00.000Z")
            try tx.upsertCustomer(StoreFixtures.customer(StoreFixtures.beta, name: "Beta"), seenAt: "2026-11-20T10:00:00.000Z")
        }
        let unknown = CustomerID("11111111-2222-4333-8444-555555555555")!
        let first = try await writer.write { try $0.markCustomersRemoved([StoreFixtures.beta, unknown], at: "2026-11-21T00:00:00.000Z") }
        #expect(first == [StoreFixtures.beta])
        let again = try await writer.write { try $0.markCustomersRemoved([StoreFixtures.beta], at: "2026-11-22T00:00:00.000Z") }
        #expect(again.isEmpty)
        #expect(try await writer.read { try $0.customer(StoreFixtures.beta) }?.removedAt == "2026-11-21T00:00:00.000Z")
        #expect(try await writer.read { try $0.customerIDs(includeRemoved: false) } == [StoreFixtures.alpha])
    }

    @Test("an unknown customer reads as nil")
    func unknown() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        #expect(try await writer.read { try $0.customer(StoreFixtures.alpha) } == nil)
        #expect(try await writer.read { try $0.profile(StoreFixtures.alpha) } == nil)
    }
}
