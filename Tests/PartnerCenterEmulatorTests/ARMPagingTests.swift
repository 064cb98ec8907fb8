import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM billing customers: list paging, $search and $filter")
struct ARMPagingTests {
    /// Follows `nextLink` from `path` until it is absent or null; returns the pages' names.
    static func collect(_ h: EmulatorHarness, _ path: String, token: String) async throws -> [[String]] {
        var pages: [[String]] = []
        var url = path
        while pages.count < 100 {
            let answer = try await h.arm(url, token: token)
            #expect(answer.status == 200, "\(url): \(answer.text)")
            let json = try #require(answer.json)
            let items = try #require(json[member: "value"]?.arrayValue)
            pages.append(items.compactMap { $0[member: "name"]?.stringValue })
            guard let next = json[member: "nextLink"]?.stringValue else { break }
            #expect(next.hasPrefix(h.emulator.baseURL + "/providers/Microsoft.Billing/billingAccounts/"))
            #expect(next.contains("api-version=2020-05-01") && next.contains("$skipToken="))
            url = next
        }
        return pages
    }

    @Test("47 customers, 10 per page, every 3rd page empty with a nextLink: all names exactly once, no nextLink at the end")
    func pagingWithEmptyPages() async throws {
        var configuration = EmulatorConfiguration.arm(customersPerAccount: 47, pageSize: 10)
        configuration.armEmptyPageEvery = 3
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let pages = try await Self.collect(h, EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01",
                                               token: token)
            #expect(pages.map(\.count) == [10, 10, 0, 10, 10, 0, 7])
            let names = pages.flatMap { $0 }
            let expected = await h.emulator.state.armCustomers(account: EmulatorConfiguration.armAccount)
                .compactMap { $0[member: "name"]?.stringValue }
            #expect(names == expected)
            #expect(Set(names).count == 47)
            #expect(await h.emulator.state.armRequestCount(operation: "Customers_ListByBillingAccount", status: 200) == 7)
        }
    }

    @Test("nextLink keeps $expand, $filter and $search; the last page can say nextLink: null")
    func nextLinkKeepsQueryAndNull() async throws {
        var configuration = EmulatorConfiguration.arm(customersPerAccount: 30, pageSize: 1)
        configuration.armNullNextLinkOnLastPage = true
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let customers = await h.emulator.state.armCustomers(account: EmulatorConfiguration.armAccount)
            let target = try #require(customers.first?.value(atPath: "properties.displayName")?.stringValue)
            let search = String(target.prefix(3))
            let filter = "displayName eq '\(target.replacingOccurrences(of: "'", with: "''"))'"
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed)! }
            let path = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01&$expand=enabledAzurePlans,resellers"
            let first = try await h.arm(path + "&$search=\(encoded(search))", token: token)
            let next = try #require(first.json?[member: "nextLink"]?.stringValue)
            #expect(next.contains("$expand=enabledAzurePlans,resellers") && next.contains("$search="))
            let second = try await h.arm(next, token: token)
            let item = try #require(second.json?[member: "value"]?.arrayValue?.first)
            #expect(item.value(atPath: "properties.enabledAzurePlans") != nil)
            #expect(item.value(atPath: "properties.displayName")?.stringValue?.lowercased().contains(search.lowercased()) == true)

            let searched = try await Self.collect(h, path + "&$search=\(encoded(search.uppercased()))", token: token).flatMap { $0 }
            let expected = customers.filter {
                $0.value(atPath: "properties.displayName")?.stringValue?.lowercased().contains(search.lowercased()) == true
            }.compactMap { $0[member: "name"]?.stringValue }
            #expect(searched == expected && !expected.isEmpty)

            let filtered = try await h.arm(path + "&$filter=\(encoded(filter))", token: token)
            #expect(filtered.json?[member: "value"]?.arrayValue?.compactMap { $0[member: "name"]?.stringValue }
                == [customers.first?[member: "name"]?.stringValue].compactMap { $0 })
            #expect(filtered.json?.objectValue?.keys.contains("nextLink") == true)
            #expect(filtered.json?[member: "nextLink"] == .null)
        }
    }

    @Test("without armNullNextLinkOnLastPage the last page has no nextLink member; other $filter forms are 400")
    func lastPageAndBadFilter() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 3)) { h in
            let token = try await h.accessToken()
            let path = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01"
            let all = try await h.arm(path, token: token)
            #expect(all.json?[member: "value"]?.arrayValue?.count == 3)
            #expect(all.json?.objectValue?.keys.contains("nextLink") == false)
            for filter in ["startswith(displayName,'A')", "billingProfileId%20eq%20'x'", "displayName%20eq%20x"] {
                let answer = try await h.arm(path + "&$filter=\(filter)", token: token)
                #expect(answer.status == 400)
                #expect(answer.json?.value(atPath: "error.code") == .string("InvalidQueryParameterValue"))
            }
            let forged = try await h.arm(path + "&$skipToken=forged", token: token)
            #expect(forged.status == 400)
        }
    }

    @Test("list by billing profile: each profile's customers, together every customer once; unknown profile 404")
    func byBillingProfile() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 40, pageSize: 7, seed: 11)) { h in
            let token = try await h.accessToken()
            let state = h.emulator.state
            let profiles = await state.armBillingProfiles(account: EmulatorConfiguration.armAccount)
            #expect((1...3).contains(profiles.count))
            var names: [String] = []
            for profile in profiles {
                let pages = try await Self.collect(h, EmulatorConfiguration.armAccountPath
                    + "/billingProfiles/\(profile)/customers?api-version=2020-05-01", token: token)
                let listed = pages.flatMap { $0 }
                for name in listed {
                    let customer = await state.armCustomer(account: EmulatorConfiguration.armAccount, name: name, expand: false)
                    #expect(customer?.value(atPath: "properties.billingProfileId")?.stringValue?.hasSuffix("/" + profile) == true)
                }
                names += listed
            }
            #expect(names.count == 40 && Set(names).count == 40)
            let unknown = try await h.arm(EmulatorConfiguration.armAccountPath
                + "/billingProfiles/00000000-0000-4000-8000-000000000000/customers?api-version=2020-05-01", token: token)
            #expect(unknown.status == 404)
            #expect(unknown.json?.value(atPath: "error.code") == .string("BillingProfileNotFound"))
        }
    }
}
