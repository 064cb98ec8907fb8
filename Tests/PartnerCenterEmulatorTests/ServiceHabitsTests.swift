import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

/// The real service's harder habits (reference §9.3 and §2.4), as the emulator shows them.
@Suite("The service's harder habits")
struct ServiceHabitsTests {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    @Test("audit records are kept 90 days: an older startDate is answered 400, a newer one is served")
    func auditRetention() async throws {
        try await EmulatorHarness.with(.test(customers: 2)) { h in
            let token = try await h.accessToken()
            let old = Self.iso(Date().addingTimeInterval(-91 * 86_400))
            let refused = try await h.api(.GET, "/v1/auditrecords?startDate=\(old)", token: token)
            #expect(refused.status == 400)
            #expect(refused.json?[member: "description"]?.stringValue?.contains("90 days") == true)
            let recent = Self.iso(Date().addingTimeInterval(-89 * 86_400))
            let served = try await h.api(.GET, "/v1/auditrecords?startDate=\(recent)", token: token)
            #expect(served.status == 200)
            #expect(await h.emulator.state.auditStartRefusal(Date().addingTimeInterval(-91 * 86_400)) != nil)
        }
    }

    @Test("the feed carries records that change nothing: unknown types, declined, without customer, dated ahead")
    func auditNoise() async throws {
        try await EmulatorHarness.with(.test(customers: 2)) { h in
            let state = h.emulator.state
            let id = try #require(await state.customerIDs().first)
            let profile = await state.profile(id)
            for kind in AuditNoise.allCases { await state.appendAuditNoise(kind, customer: id) }
            #expect(await state.profile(id) == profile)
            let records = await state.auditRecords()
            #expect(records.count == AuditNoise.allCases.count)
            #expect(records.contains { $0[member: "operationStatus"] == .string("decline") })
            #expect(records.contains { $0[member: "customerId"] == nil && $0[member: "operationType"] == .string("update_company_info") })
            #expect(records.contains { $0[member: "operationType"] == .string("update_customer_sustainability_preferences") })
            let ahead = try #require(records.last?[member: "operationDate"]?.stringValue)
            #expect(ahead > Self.iso(Date().addingTimeInterval(86_400)))
            // Without an endDate every record from the start is served, the one dated ahead too.
            let token = try await h.accessToken()
            let today = Self.iso(Date().addingTimeInterval(-3600))
            let served = try await h.api(.GET, "/v1/auditrecords?startDate=\(today)", token: token)
            #expect(served.json?[member: "items"]?.arrayValue?.count == AuditNoise.allCases.count)
        }
    }

    @Test("a US postal code of five digits is stored as ZIP+4 on PUT, the same suffix for the same street")
    func zipPlus4Rewrite() async throws {
        var configuration = EmulatorConfiguration.test(customers: 2)
        configuration.rewritesPostalCodes = true
        try await EmulatorHarness.with(configuration) { h in
            let state = h.emulator.state
            let id = try #require(await state.customerIDs().first)
            var body = try #require(await state.profile(id))
            body.setValue(.string("US"), atPath: "defaultAddress.country")
            body.setValue(.string("WA"), atPath: "defaultAddress.state")
            body.setValue(.string("Redmond"), atPath: "defaultAddress.city")
            body.setValue(.string("1 Microsoft Way"), atPath: "defaultAddress.addressLine1")
            body.setValue(.string("98052"), atPath: "defaultAddress.postalCode")
            let etag = try #require(body.value(atPath: "attributes.etag")?.stringValue)
            let token = try await h.accessToken()
            let put = try await h.api(.PUT, "/v1/customers/\(id.rawValue)/profiles/billing", token: token,
                                      headers: [("If-Match", "\"\(etag)\"")], body: body.canonicalText())
            #expect(put.status == 200)
            let stored = try #require(put.json?.value(atPath: "defaultAddress.postalCode")?.stringValue)
            #expect(stored.hasPrefix("98052-") && stored.count == 10)
            #expect(await state.profile(id)?.value(atPath: "defaultAddress.postalCode")?.stringValue == stored)
        }
    }
}
