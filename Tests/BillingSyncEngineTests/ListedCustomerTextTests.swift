import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import PartnerCenterModels
import Testing

/// `customers.raw_json` is the list item exactly as Partner Center sent it (docs/schema.md), not
/// a re-serialisation: the emulator's items are already in canonical form, so this wire spaces
/// them out the way another server might.
@Suite struct ListedCustomerTextTests {
    /// Passes every call to the emulator and adds white space inside each listed customer.
    struct SpacedListing: HTTPExchange {
        static let itemStart = Data(#"{"attributes":{"objectType":"Customer"}"#.utf8)
        static let spacedStart = Data(#"{ "attributes" : {"objectType":"Customer"}"#.utf8)
        let inner: any HTTPExchange

        func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
            var response = try await inner.perform(request, requestID: requestID, correlationID: correlationID)
            if request.url.contains("/customers?") {
                response.body.replace(Self.itemStart, with: Self.spacedStart)
            }
            return response
        }
    }

    @Test func theListItemIsKeptAsSent() async throws {
        try await EngineFixture.with(customers: 30, engine: { $0.pageSize = 7 }, wire: { SpacedListing(inner: $0) }) { fixture in
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.customersSeen == 30)
            let rows = try fixture.openConnection().query("SELECT id, raw_json FROM customers ORDER BY id", [])
            #expect(rows.count == 30)
            for row in rows {
                let text = try #require(row.string("raw_json"))
                #expect(text.hasPrefix(#"{ "attributes" : {"objectType":"Customer"}"#), "\(text.prefix(60))")
                let id = try #require(row.string("id"))
                #expect(text.contains(#""id":"\#(id)""#))
            }
        }
    }
}
