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
    static let itemStart = Data(#"{"attributes":{"objectType":"Customer"}"#.utf8)
    static let spacedStart = Data(#"{ "attributes" : {"objectType":"Customer"}"#.utf8)

    /// Adds white space inside each listed customer.
    static func spacedListing(_ inner: any HTTPExchange) -> RespacingWire {
        RespacingWire(inner: inner) { url, body in
            if url.contains("/customers?") { body.replace(itemStart, with: spacedStart) }
        }
    }

    @Test func theListItemIsKeptAsSent() async throws {
        try await EngineFixture.with(customers: 30, engine: { $0.pageSize = 7 }, wire: { Self.spacedListing($0) }) { fixture in
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
