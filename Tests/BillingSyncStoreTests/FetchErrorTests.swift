import BillingSyncSQLite
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Fetch errors of customers")
struct FetchErrorTests {
    @Test("clearing the errors of fetched customers clears theirs only, and reads the index of failed fetches")
    func clearsThroughTheFailedIndex() async throws {
        let (dir, writer) = try await StoreFixtures.storeWithAlpha(seenAt: "2026-11-21T10:00:00.000Z")
        let gamma = try #require(CustomerID("0a1b2c3d-0000-4000-8000-00000000c0de"))
        try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(StoreFixtures.beta, name: "Beta"), seenAt: "2026-11-21T10:00:00.000Z")
            try tx.upsertCustomer(StoreFixtures.customer(gamma, name: "Gamma"), seenAt: "2026-11-21T10:00:00.000Z")
            try tx.setFetchError(customerID: StoreFixtures.alpha, "HTTP 503", at: "2026-11-21T10:00:01.000Z")
            try tx.setFetchError(customerID: StoreFixtures.beta, "HTTP 403", at: "2026-11-21T10:00:01.000Z")
            try tx.clearFetchErrors([StoreFixtures.alpha, gamma])
        }
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        defer { raw.close() }
        let failed = try raw.query("SELECT id, fetch_error, fetch_error_at FROM customers WHERE fetch_error IS NOT NULL")
        #expect(failed.map { $0.string("id") } == [StoreFixtures.beta.rawValue])
        #expect(failed.first?.string("fetch_error") == "HTTP 403")
        #expect(try raw.query("SELECT 1 FROM customers WHERE fetch_error_at IS NOT NULL").count == 1)
        let plan = try raw.query("EXPLAIN QUERY PLAN \(WriteTransaction.clearFetchErrorsSQL)", ["[]"])
            .compactMap { $0.string("detail") }
        #expect(plan.contains { $0.contains("customers_fetch_failed") }, "\(plan)")
        await writer.close()
    }
}
