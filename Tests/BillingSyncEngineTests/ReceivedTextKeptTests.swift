import AzureBillingClient
import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import EmulatorCore
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels
import Testing

/// Every `raw_json` the mirror documents as "as received" holds the service's text byte for byte,
/// not a re-serialisation of the parsed value: a customer the audit feed named (its
/// `GET /customers/{id}` body), an ARM customer (its element of the list page's `value`), and a
/// country's validation rules. The emulator answers in canonical form (sorted keys, no white
/// space), which a re-serialisation would reproduce; these wires respace its answers the way
/// another server might, so only text kept as received passes.
@Suite struct ReceivedTextKeptTests {
    /// `{ ` for the body's opening brace and a line feed after it.
    static func respaced(_ body: inout Data) {
        guard body.first == UInt8(ascii: "{") else { return }
        body = Data("{ ".utf8) + body.dropFirst() + Data("\n".utf8)
    }

    @Test func aCustomerFirstSeenInTheAuditFeedKeepsItsBodyAsSent() async throws {
        let spaceGetByID: @Sendable (String, inout Data) -> Void = { url, body in
            guard let path = URL(string: url)?.path, path.hasPrefix("/v1/customers/"),
                  path.split(separator: "/").count == 3 else { return }
            Self.respaced(&body)
        }
        try await EngineFixture.with(customers: 5, wire: { RespacingWire(inner: $0, rewrites: spaceGetByID) }) { fixture in
            try await fixture.reconciler.runFull()
            _ = try await fixture.poller.pollOnce()
            let added = await fixture.state.addCustomer(companyName: "Nouvelle Société", country: "FR")
            let result = try await fixture.poller.pollOnce()
            #expect(result.refreshed == [added])
            let rows = try fixture.openConnection().query("SELECT raw_json FROM customers WHERE id = ?", [added.rawValue])
            let text = try #require(rows.first?.string("raw_json"))
            #expect(text.hasPrefix("{ \""), "\(text.prefix(40))")
            #expect(text.hasSuffix("}\n"))
            #expect(text.contains("Nouvelle Société"))
        }
    }

    @Test func anARMCustomerKeepsItsListElementAsSent() async throws {
        let element = Data(#"{"id":"/providers/Microsoft.Billing/billingAccounts/"#.utf8)
        let spaced = Data(#"{ "id" : "/providers/Microsoft.Billing/billingAccounts/"#.utf8)
        let configuration = Self.armConfiguration(customers: 7)
        let exchange = RespacingWire(inner: InProcessEmulator(configuration)) { url, body in
            if url.contains("/customers?") || url.contains("/customers&") { body.replace(element, with: spaced) }
        }
        let databasePath = EngineFixture.databasePath(in: try EngineFixture.makeTemporaryFolder())
        let store = try StoreWriter(path: databasePath)
        let mirror = AzureMirror(client: try Self.armClient(exchange, emulator: configuration), store: store,
                                 settings: AzureMirrorSettings(billingAccounts: [AzureMirrorTests.account], billingProfiles: [],
                                                               expand: true, interval: .seconds(3_600)),
                                 logger: Logger(label: "billing-sync.test"))
        let counts = try await mirror.runOnce()
        await store.close()
        #expect(counts.customersSeen == 7)
        let rows = try Connection(path: databasePath, mode: .readOnly).query("SELECT name, raw_json FROM azure_customers", [])
        #expect(rows.count == 7)
        for row in rows {
            let text = try #require(row.string("raw_json"))
            #expect(text.hasPrefix(#"{ "id" : "/providers/Microsoft.Billing/billingAccounts/"#), "\(text.prefix(60))")
            #expect(text.hasSuffix("}"))
            #expect(text.contains(try #require(row.string("name"))))
        }
    }

    @Test func countryRulesAreCachedAsSent() async throws {
        let spaceRules: @Sendable (String, inout Data) -> Void = { url, body in
            if url.contains("/countryvalidationrules/") { Self.respaced(&body) }
        }
        try await EngineFixture.with(customers: 1, wire: { RespacingWire(inner: $0, rewrites: spaceRules) }) { fixture in
            let cache = CountryRulesCache(client: fixture.client, store: fixture.store, maxAge: .seconds(3_600),
                                          environment: .system())
            let rules = try #require(try await cache.rules("US"))
            #expect(rules.iso2Code == "US")
            let rows = try fixture.openConnection().query("SELECT raw_json FROM country_rules WHERE iso2 = 'US'", [])
            let text = try #require(rows.first?.string("raw_json"))
            #expect(text.hasPrefix("{ \""), "\(text.prefix(40))")
            #expect(text.hasSuffix("}\n"))
            // Read back from the cache (fresh), the stored text gives the same rules.
            #expect(try await cache.rules("US")?.resource == rules.resource)
        }
    }

    /// An emulator with `customers` ARM customers in one account, three to a page.
    static func armConfiguration(customers: Int) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration(customerCount: 2, seed: 3)
        configuration.armBillingAccounts = [AzureMirrorTests.account]
        configuration.armCustomersPerAccount = customers
        configuration.armDefaultPageSize = 3
        return configuration
    }

    /// The real ARM client over `exchange`, with the emulator's credentials.
    static func armClient(_ exchange: any HTTPExchange, emulator: EmulatorConfiguration) throws -> AzureBillingClient {
        var credentials = EngineFixture.clientConfiguration(emulator, databasePath: "/nonexistent").credentials
        credentials.form = .v2(scope: "https://management.azure.com/.default")
        return AzureBillingClient(
            configuration: AzureBillingClientConfiguration(armBaseURL: "http://management.azure.test", credentials: credentials),
            exchange: exchange, clock: .continuous, logger: Logger(label: "billing-sync.test"))
    }
}
