import AzureBillingClient
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM customers against the emulator: get, lists, paging, expand")
struct AzureCustomerListTests {
    @Test("23 customers, 5 per page, every 2nd page empty with a nextLink, null nextLink at the end: each customer once")
    func pagingWithEmptyPages() async throws {
        try await ARMFixture.with(customers: 23, pageSize: 5, emulator: {
            $0.armEmptyPageEvery = 2
            $0.armNullNextLinkOnLastPage = true
        }) { f in
            let pages = try await f.pages(.billingAccount(ARMFixture.account))
            #expect(pages.contains { $0.isEmpty }, "the emulator served empty pages")
            let names = pages.flatMap { $0 }.map(\.name)
            let expected = await f.state.armCustomers(account: ARMFixture.account).compactMap { $0.text("name") }
            #expect(names == expected && names.count == 23)
            #expect(await f.state.armRequestCount(operation: "Customers_ListByBillingAccount", status: 200) == pages.count)
        }
    }

    @Test("expand on: plans and resellers present; off: absent (list and get)")
    func expandOnAndOff() async throws {
        try await ARMFixture.with(customers: 6) { f in
            let expanded = try await f.pages(.billingAccount(ARMFixture.account)).flatMap { $0 }
            #expect(expanded.count == 6 && expanded.allSatisfy { $0.enabledAzurePlans != nil && $0.resellers != nil })
            let plain = try await f.pages(.billingAccount(ARMFixture.account), query: AzureCustomerQuery(expand: false)).flatMap { $0 }
            #expect(plain.count == 6 && plain.allSatisfy { $0.enabledAzurePlans == nil && $0.resellers == nil })

            let name = try #require(expanded.first?.name)
            let one = try await f.client.customer(account: ARMFixture.account, name: name, expand: true)
            #expect(one == expanded.first)
            let bare = try await f.client.customer(account: ARMFixture.account, name: name, expand: false)
            #expect(bare.enabledAzurePlans == nil && bare.displayName == one.displayName)
        }
    }

    @Test("the documentation example account answers Customers_Get like the seed's example")
    func documentationExample() async throws {
        try await ARMFixture.with(customers: 0, emulator: { $0.armDocumentationExample = true }) { f in
            let customer = try await f.client.customer(account: "{billingAccountName}", name: "{customerName}")
            #expect(customer.billingProfileDisplayName == "Contoso Operations Billing")
            #expect(customer.resellers?.map(\.resellerID) == ["89e87bdf-a2a2-4687-925f-4c18b27bccfd", "3b65b5a8-bd4f-4084-90e9-e1bd667a2b19"])
        }
    }

    @Test("listing by billing profile returns only that profile's customers")
    func byBillingProfile() async throws {
        try await ARMFixture.with(customers: 15) { f in
            let profiles = await f.state.armBillingProfiles(account: ARMFixture.account)
            var total = 0
            for profile in profiles {
                let scope = AzureCustomerScope.billingProfile(account: ARMFixture.account, profile: profile)
                let customers = try await f.pages(scope).flatMap { $0 }
                #expect(customers.allSatisfy { $0.billingProfileID?.lowercased() == scope.billingProfileResourceID?.lowercased() })
                total += customers.count
            }
            #expect(total == 15)
            #expect(await f.state.armRequestCount(operation: "Customers_ListByBillingProfile", status: 200) >= profiles.count)
        }
    }

    @Test("$search and $filter narrow the list to the matching display name")
    func searchAndFilter() async throws {
        try await ARMFixture.with(customers: 10) { f in
            let all = try await f.pages(.billingAccount(ARMFixture.account)).flatMap { $0 }
            let target = try #require(all.first)
            let displayName = try #require(target.displayName)
            let searched = try await f.pages(.billingAccount(ARMFixture.account),
                                             query: AzureCustomerQuery(search: displayName)).flatMap { $0 }
            #expect(searched.contains(target) && searched.count < all.count)
            let filter = "displayName eq '\(displayName.replacingOccurrences(of: "'", with: "''"))'"
            let filtered = try await f.pages(.billingAccount(ARMFixture.account),
                                             query: AzureCustomerQuery(filter: filter)).flatMap { $0 }
            #expect(filtered.contains(target) && filtered.allSatisfy { $0.displayName == displayName })
        }
    }
}
