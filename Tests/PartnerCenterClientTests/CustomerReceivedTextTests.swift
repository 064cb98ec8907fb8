import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterModels
import Testing

/// A listed customer carries its list item exactly as Partner Center sent it (what the mirror
/// keeps in `customers.raw_json`), not a re-serialisation of the parsed value.
@Suite struct CustomerReceivedTextTests {
    static let first = #"{ "relationshipToPartner": "reseller",  "id": "0B6A8F7E-1C2D-4E5F-8A9B-0C1D2E3F4A5B", "companyProfile": {"companyName": "Cont\u006fso"}, "extra": 1.50 }"#
    static let second = #"{"id":"1c7b9a8f-2d3e-4f50-9a1b-2c3d4e5f6a7b","companyProfile":{"domain":"fabrikam.example"}}"#

    @Test func eachListedCustomerKeepsItsItemAsSent() async throws {
        let page = "{\"totalCount\": 3,\n \"items\": [\n  \(Self.first),\n  {\"id\": \"not-a-guid\"},\n  \(Self.second)\n ],\n \"links\": {}}"
        let wire = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : ScriptedWire.json(200, page) }
        let client = WireTransportTests.client(wire, clock: ManualClock())
        var listed: [Customer] = []
        for try await customers in client.customerPages(pageSize: 10) { listed += customers }
        #expect(listed.map(\.id.rawValue) == ["0b6a8f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "1c7b9a8f-2d3e-4f50-9a1b-2c3d4e5f6a7b"])
        #expect(listed.map(\.receivedText) == [Self.first, Self.second])
        #expect(listed.first?.companyProfile?.companyName == "Contoso")
    }
}
