import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite struct PagingIntegrationTests {
    @Test(arguments: [false, true])
    func pagesCoverEveryCustomerExactlyOnce(linksIncludeVersion: Bool) async throws {
        var configuration = EmulatorConfiguration(customerCount: 53, seed: 7)
        configuration.nextLinkIncludesVersion = linksIncludeVersion
        try await EmulatorFixture.with(configuration) { fixture in
            let pages = try await fixture.allCustomers(pageSize: 5)
            #expect(pages.count == 11)
            let ids = pages.flatMap { $0.map(\.id) }
            #expect(ids.count == 53)
            #expect(Set(ids).count == 53)
            #expect(Set(ids) == Set(await fixture.emulator.state.customerIDs()))
            #expect(pages.flatMap { $0 }.allSatisfy { $0.companyProfile?.companyName != nil })
            #expect(await fixture.emulator.state.requestCount(route: "GET /v1/customers", status: 200) == 11)
            #expect(await fixture.emulator.state.requestCount(route: "UNMATCHED") == 0)
        }
    }

    @Test func auditRecordsArePagedAndDecoded() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 3, seed: 7)) { fixture in
            let start = Date().addingTimeInterval(-1)
            let ids = await fixture.emulator.state.customerIDs()
            for id in ids {
                _ = await fixture.emulator.state.modifyProfile(id) { $0.setValue(.string("Audit City"), atPath: "defaultAddress.city") }
            }
            var records: [AuditRecord] = []
            for try await page in fixture.client.auditRecords(from: start, to: Date().addingTimeInterval(1), filter: nil) {
                records += page
            }
            let updates = records.filter { $0.operationType == "update_customer_billing_profile" }
            #expect(Set(updates.compactMap(\.customerID)) == Set(ids))
            #expect(updates.allSatisfy { $0.operationDate != nil })

            let filter = #"{"Field":"CustomerId","Value":"\#(ids[0].rawValue)","Operator":"equals"}"#
            var filtered: [AuditRecord] = []
            for try await page in fixture.client.auditRecords(from: start, to: Date().addingTimeInterval(1), filter: filter) {
                filtered += page
            }
            #expect(!filtered.isEmpty)
            #expect(filtered.allSatisfy { $0.customerID == ids[0] })
        }
    }
}
