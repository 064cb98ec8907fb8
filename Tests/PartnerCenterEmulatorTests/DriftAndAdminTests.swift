import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Drift, audit records and the admin interface")
struct DriftAndAdminTests {
    @Test("the drift generator changes profiles with new etags and audit records")
    func drift() async throws {
        try await EmulatorHarness.with(.test(customers: 5)) { h in
            let state = h.emulator.state
            let before = await state.customerIDs().asyncMap { await state.profile($0) }
            await state.setDrift(DriftSettings(changesPerMinute: 1200))
            // Poll rather than sleep a fixed time: a loaded machine runs the generator late.
            let deadline = ContinuousClock.now + .seconds(20)
            while await state.auditRecords().count < 3, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            await state.setDrift(nil)
            let after = await state.customerIDs().asyncMap { await state.profile($0) }
            #expect(before != after)
            let records = await state.auditRecords()
            #expect(records.count >= 3)
            #expect(records.allSatisfy { $0[member: "operationType"] == .string("update_customer_billing_profile") })
            #expect(records.allSatisfy { $0[member: "userPrincipalName"]?.stringValue?.isEmpty == false })
        }
    }

    @Test("audit records are served for a date range, paged, and filterable by customer")
    func auditAPI() async throws {
        try await EmulatorHarness.with(.test(customers: 4)) { h in
            let state = h.emulator.state
            let ids = await state.customerIDs()
            for id in ids { await state.modifyProfile(id) { $0.setValue(.string("X"), atPath: "defaultAddress.city") } }
            let added = await state.addCustomer(companyName: "Nouvelle Société", country: "FR")
            #expect(await state.removeCustomer(ids[0]))
            let token = try await h.accessToken()
            let today = String(EmulatorTimeForTests.today())
            var operations: [String] = []
            var answer = try await h.api(.GET, "/v1/auditrecords?size=2&startDate=\(today)&endDate=\(today)", token: token)
            while true {
                #expect(answer.status == 200)
                let json = try #require(answer.json)
                for item in json[member: "items"]?.arrayValue ?? [] {
                    operations.append(item[member: "operationType"]?.stringValue ?? "")
                    #expect(item[member: "operationDate"] != nil && item[member: "originalCorrelationId"] != nil)
                }
                guard let next = json.value(atPath: "links.next") else { break }
                let value = try #require(next[member: "headers"]?.arrayValue?.first?[member: "value"]?.stringValue)
                answer = try await h.api(.GET, "/v1" + next[member: "uri"]!.stringValue!, token: token,
                                         headers: [("MS-ContinuationToken", value)])
            }
            #expect(operations == Array(repeating: "update_customer_billing_profile", count: 4)
                    + ["add_customer", "delete_customer"])
            let filter = "{\"Field\":\"CustomerId\",\"Value\":\"\(added.rawValue)\",\"Operator\":\"equals\"}"
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let filtered = try await h.api(.GET, "/v1/auditrecords?startDate=\(today)&filter=\(filter)", token: token)
            #expect(filtered.json?[member: "items"]?.arrayValue?.count == 1)
            let noStart = try await h.api(.GET, "/v1/auditrecords", token: token)
            #expect(noStart.status == 400)
        }
    }

    @Test("admin endpoints: stats, profiles, faults, customers and the write log")
    func admin() async throws {
        try await EmulatorHarness.with(.test(customers: 3)) { h in
            let id = try #require(await h.emulator.state.customerIDs().first)
            let profile = try await h.send(.GET, "/_emulator/profiles/\(id.rawValue)")
            #expect(profile.status == 200)
            var body = try #require(profile.json)
            body.setValue(.string("Set by admin"), atPath: "companyName")
            let put = try await h.send(.PUT, "/_emulator/profiles/\(id.rawValue)", body: body.canonicalText())
            #expect(put.json?[member: "companyName"] == .string("Set by admin"))
            #expect(put.json?.value(atPath: "attributes.etag") != body.value(atPath: "attributes.etag"))

            let faults = try await h.send(.PUT, "/_emulator/faults", body: #"{"serviceUnavailableRate":1}"#)
            #expect(faults.status == 200)
            #expect(await h.emulator.state.faults.serviceUnavailableRate == 1)
            await h.emulator.state.setFaults(FaultSettings())

            let created = try await h.send(.POST, "/_emulator/customers", body: #"{"companyName":"上海云海科技有限公司","country":"CN"}"#)
            #expect(created.status == 201)
            let newID = try #require(created.json?[member: "id"]?.stringValue)
            #expect(await h.emulator.state.customerIDs().count == 4)
            #expect(try await h.send(.DELETE, "/_emulator/customers/\(newID)").status == 204)
            #expect(try await h.send(.DELETE, "/_emulator/customers/\(newID)").status == 404)

            let token = try await h.accessToken()
            let (current, etag) = try await BillingProfileTests.fetch(h, id, token: token)
            #expect(try await BillingProfileTests.put(h, id, token: token, etag: etag, body: current).status == 200)
            let writes = try #require(try await h.send(.GET, "/_emulator/writes").json?.arrayValue)
            #expect(writes.count == 1)
            #expect(writes.first?[member: "ifMatchWasUnquoted"] == .bool(true))
            #expect(writes.first?[member: "customerID"] == .string(id.rawValue))

            let stats = try #require(try await h.send(.GET, "/_emulator/stats").json)
            #expect(stats[member: "requests"]?[member: "GET /v1/customers/{id}/profiles/billing"]?[member: "200"]
                    == .integer(1))
            #expect(stats[member: "tokenRequests"] == .integer(1))
            #expect(stats[member: "writes"] == .integer(1))
        }
    }
}

enum EmulatorTimeForTests {
    /// Today's UTC date as yyyy-mm-dd.
    static func today() -> Substring {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return Substring(formatter.string(from: Date()))
    }
}
