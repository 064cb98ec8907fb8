import AsyncHTTPClient
import BillingSyncTesting
import Foundation
import NIOHTTP1
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM billing customers: get, documentation examples, errors")
struct ARMCustomerTests {
    static let documentedPath = "/providers/Microsoft.Billing/billingAccounts/%7BbillingAccountName%7D/customers/%7BcustomerName%7D"

    @Test("the documentation example renders exactly Customer.json and CustomerWithExpand.json")
    func documentationExamples() async throws {
        var configuration = EmulatorConfiguration.test()
        configuration.armDocumentationExample = true
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let plain = try await h.arm(Self.documentedPath + "?api-version=2020-05-01", token: token)
            #expect(plain.status == 200)
            #expect(plain.json == (try JSONValue(parsing: DocumentationExamples.armCustomer)))
            let expanded = try await h.arm(Self.documentedPath + "?api-version=2020-05-01&$expand=enabledAzurePlans,resellers",
                                           token: token)
            #expect(expanded.status == 200)
            #expect(expanded.json == (try JSONValue(parsing: DocumentationExamples.armCustomerWithExpand)))
            #expect(expanded.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
        }
    }

    @Test("a generated customer: GUID name, resource id, compact without $expand, plans and resellers with it")
    func expandOnAndOff() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 20)) { h in
            let token = try await h.accessToken()
            let state = h.emulator.state
            let customers = await state.armCustomers(account: EmulatorConfiguration.armAccount)
            #expect(customers.count == 20)
            let withResellers = try #require(customers.first { $0.value(atPath: "properties.resellers")?.arrayValue?.isEmpty == false })
            let name = try #require(withResellers[member: "name"]?.stringValue)
            #expect(CustomerID(name) != nil)
            let base = EmulatorConfiguration.armAccountPath + "/customers/\(name)?api-version=2020-05-01"
            let plain = try #require(try await h.arm(base, token: token).json)
            #expect(plain[member: "id"] == .string("/providers/Microsoft.Billing/billingAccounts/\(EmulatorConfiguration.armAccount)/customers/\(name)"))
            #expect(plain[member: "type"] == .string("Microsoft.Billing/billingAccounts/customers"))
            #expect(Set((plain[member: "properties"]?.objectValue ?? [:]).keys)
                == ["billingProfileId", "billingProfileDisplayName", "displayName"])
            let expanded = try #require(try await h.arm(base + "&$expand=enabledAzurePlans,resellers", token: token).json)
            #expect(expanded == withResellers)
            let plans = try #require(expanded.value(atPath: "properties.enabledAzurePlans")?.arrayValue)
            #expect(plans.contains(.object(["skuId": .string("0001"), "skuDescription": .string("Microsoft Azure Plan")])))
            let onlyPlans = try #require(try await h.arm(base + "&$expand=enabledAzurePlans", token: token).json)
            #expect(onlyPlans.value(atPath: "properties.enabledAzurePlans") != nil)
            #expect(onlyPlans.value(atPath: "properties.resellers") == nil)
            #expect(await state.armCustomer(account: EmulatorConfiguration.armAccount, name: name, expand: false) == plain)
            #expect(customers.contains { $0.value(atPath: "properties.resellers")?.arrayValue?.isEmpty == true })
            #expect(await state.armRequestCount(operation: "Customers_Get", status: 200) == 3)
        }
    }

    @Test("missing or unsupported api-version, unknown account or customer: ARM error bodies and codes")
    func errors() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 2)) { h in
            let token = try await h.accessToken()
            let name = try #require(await h.emulator.state.armCustomers(account: EmulatorConfiguration.armAccount)
                .first?[member: "name"]?.stringValue)
            let path = EmulatorConfiguration.armAccountPath + "/customers/\(name)"
            let cases: [(String, Int, String)] = [
                (path, 400, "MissingApiVersionParameter"),
                (path + "?api-version=2019-10-01-preview", 400, "InvalidApiVersionParameter"),
                ("/providers/Microsoft.Billing/billingAccounts/nope/customers/\(name)?api-version=2020-05-01", 404, "BillingAccountNotFound"),
                (EmulatorConfiguration.armAccountPath + "/customers/00000000-0000-4000-8000-000000000000?api-version=2020-05-01", 404, "CustomerNotFound"),
                (path + "?api-version=2020-05-01&$expand=invoices", 400, "InvalidQueryParameterValue"),
            ]
            for (url, status, code) in cases {
                let answer = try await h.arm(url, token: token)
                #expect(answer.status == status, "\(url)")
                #expect(answer.json?.value(atPath: "error.code") == .string(code), "\(url)")
                #expect(answer.json?.value(atPath: "error.message")?.stringValue?.isEmpty == false)
                #expect(answer.json?.value(atPath: "error.details") == .array([]))
                #expect(answer.headers.first(name: "x-ms-request-id") != nil)
            }
        }
    }

    @Test("no token, an unknown token: 401 InvalidAuthenticationToken with a Bearer challenge")
    func unauthorized() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 2)) { h in
            let url = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01"
            let missing = try await h.send(.GET, url)
            let forged = try await h.send(.GET, url, headers: [("Authorization", "Bearer forged")])
            for answer in [missing, forged] {
                #expect(answer.status == 401)
                #expect(answer.json?.value(atPath: "error.code") == .string("InvalidAuthenticationToken"))
                #expect(answer.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer ") == true)
            }
            #expect(await h.emulator.state.armRequestCount(status: 401) == 2)
        }
    }

    @Test("x-ms-request-id always, x-ms-correlation-request-id echoed, x-ms-client-request-id only when asked")
    func requestHeaders() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 1)) { h in
            let token = try await h.accessToken()
            let url = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01"
            let correlation = UUID().uuidString.lowercased()
            let client = UUID().uuidString.lowercased()
            let echoed = try await h.arm(url, token: token, headers: [
                ("x-ms-correlation-request-id", correlation), ("x-ms-client-request-id", client),
                ("x-ms-return-client-request-id", "true"),
            ])
            #expect(echoed.headers.first(name: "x-ms-correlation-request-id") == correlation)
            #expect(echoed.headers.first(name: "x-ms-client-request-id") == client)
            let plain = try await h.arm(url, token: token, headers: [("x-ms-client-request-id", client)])
            #expect(plain.headers.first(name: "x-ms-client-request-id") == nil)
            #expect(plain.headers.first(name: "x-ms-correlation-request-id").flatMap(UUID.init(uuidString:)) != nil)
            let ids = [echoed, plain].compactMap { $0.headers.first(name: "x-ms-request-id") }
            #expect(Set(ids).count == 2)
        }
    }
}

extension EmulatorConfiguration {
    /// The billing account the ARM tests generate.
    static let armAccount = "5678901:1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d_2019-05-31"
    /// Its path (percent-encoded).
    static let armAccountPath = "/providers/Microsoft.Billing/billingAccounts/5678901%3A1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d_2019-05-31"

    /// A test configuration with one generated ARM billing account.
    static func arm(customersPerAccount: Int, pageSize: Int = 50, seed: UInt64 = 7) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration.test(customers: 2, seed: seed)
        configuration.armBillingAccounts = [armAccount]
        configuration.armCustomersPerAccount = customersPerAccount
        configuration.armDefaultPageSize = pageSize
        return configuration
    }
}

extension EmulatorHarness {
    /// An ARM GET with a bearer token (`path` relative to the base URL, or an absolute nextLink).
    func arm(_ path: String, token: String, headers: [(String, String)] = []) async throws -> Answer {
        try await send(.GET, path, headers: [("Authorization", "Bearer \(token)"), ("Accept", "application/json")] + headers)
    }
}
