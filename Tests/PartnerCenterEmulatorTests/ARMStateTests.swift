import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM billing customers: generated data, changes, ARM-scoped tokens and admin routes")
struct ARMStateTests {
    @Test("same seed, same ARM data; Partner Center customers are unchanged by enabling ARM")
    func deterministic() async throws {
        let first = try await EmulatorHarness.with(.arm(customersPerAccount: 25)) { h in
            (await h.emulator.state.armCustomers(account: EmulatorConfiguration.armAccount),
             await h.emulator.state.customerIDs())
        }
        let second = try await EmulatorHarness.with(.arm(customersPerAccount: 25)) { h in
            await h.emulator.state.armCustomers(account: EmulatorConfiguration.armAccount)
        }
        let plain = try await EmulatorHarness.with(.test(customers: 2)) { h in await h.emulator.state.customerIDs() }
        #expect(first.0 == second)
        #expect(first.1 == plain)
        let names = first.0.compactMap { $0.value(atPath: "properties.displayName")?.stringValue }
        #expect(Set(names).count == 25)
        #expect(names.contains { $0.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test("modify, remove and add are visible through the API")
    func changesVisible() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 5)) { h in
            let token = try await h.accessToken()
            let state = h.emulator.state
            let account = EmulatorConfiguration.armAccount
            let names = await state.armCustomers(account: account).compactMap { $0[member: "name"]?.stringValue }
            await state.modifyARMCustomer(account: account, name: names[0]) { resource in
                resource.setValue(.string("Renamed Société"), atPath: "properties.displayName")
                resource.setValue(.array([]), atPath: "properties.resellers")
                resource.setValue(.string("tampered"), atPath: "name")
            }
            let get = EmulatorConfiguration.armAccountPath + "/customers/\(names[0])?api-version=2020-05-01&$expand=resellers"
            let changed = try #require(try await h.arm(get, token: token).json)
            #expect(changed.value(atPath: "properties.displayName") == .string("Renamed Société"))
            #expect(changed.value(atPath: "properties.resellers") == .array([]))
            #expect(changed[member: "name"] == .string(names[0]))
            #expect(await state.removeARMCustomer(account: account, name: names[1]))
            #expect(!(await state.removeARMCustomer(account: account, name: names[1])))
            let gone = EmulatorConfiguration.armAccountPath + "/customers/\(names[1])?api-version=2020-05-01"
            #expect(try await h.arm(gone, token: token).status == 404)
            let added = await state.addARMCustomer(account: account, displayName: "Neue Kunde GmbH")
            #expect(CustomerID(added) != nil)
            let list = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01", token: token)
            let listed = list.json?[member: "value"]?.arrayValue?.compactMap { $0[member: "name"]?.stringValue } ?? []
            #expect(listed == [names[0], names[2], names[3], names[4], added])
            let profile = await state.armCustomer(account: account, name: added, expand: false)?
                .value(atPath: "properties.billingProfileId")?.stringValue
            #expect(await state.armBillingProfiles(account: account).contains { profile?.hasSuffix("/" + $0) == true })
        }
    }

    @Test("tokens requested for ARM (v2 scope, v1 resource) are accepted on the ARM routes")
    func armScopedTokens() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 1)) { h in
            let credentials = h.emulator.configuration.credentials
            let common = [("client_id", credentials.clientID), ("client_secret", credentials.clientSecret),
                          ("grant_type", "client_credentials")]
            let v2 = try await h.tokenRequest(h.emulator.tokenURL, common + [("scope", "https://management.azure.com/.default")])
            let v1 = try await h.tokenRequest(h.emulator.tokenURLv1, common + [("resource", "https://management.azure.com/")])
            for answer in [v2, v1] {
                let token = try #require(answer.json?[member: "access_token"]?.stringValue)
                let list = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01", token: token)
                #expect(list.status == 200)
                #expect(list.json?[member: "value"]?.arrayValue?.count == 1)
            }
        }
    }

    @Test("admin: /_emulator/arm/stats, add, change and delete customers over HTTP")
    func adminRoutes() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 4)) { h in
            let token = try await h.accessToken()
            let admin = "/_emulator/arm/accounts/5678901%3A1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d_2019-05-31/customers"
            let created = try await h.send(.POST, admin, body: #"{"displayName": "Łódź Cloud Sp. z o.o."}"#)
            #expect(created.status == 201)
            let name = try #require(created.json?[member: "name"]?.stringValue)
            let patched = try await h.send(.PATCH, admin + "/\(name)", body: #"{"properties": {"displayName": "Łódź Cloud S.A."}}"#)
            #expect(patched.json?.value(atPath: "properties.displayName") == .string("Łódź Cloud S.A."))
            #expect(try await h.send(.DELETE, admin + "/\(name)").status == 204)
            #expect(try await h.send(.DELETE, admin + "/\(name)").status == 404)
            _ = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01", token: token)
            let stats = try #require(try await h.send(.GET, "/_emulator/arm/stats").json)
            #expect(stats.value(atPath: "requests.Customers_ListByBillingAccount.200") == .integer(1))
            #expect(stats[member: "totalRequests"] == .integer(1))
            #expect(stats[member: "remainingTenantReads"] == .integer(11999))
            let account = try #require(stats[member: "accounts"]?.arrayValue?.first)
            #expect(account[member: "name"] == .string(EmulatorConfiguration.armAccount))
            #expect(account[member: "customers"] == .integer(4))
        }
    }
}
