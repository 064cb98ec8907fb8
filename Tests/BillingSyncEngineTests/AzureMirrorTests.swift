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

@Suite("Azure mirror: ARM billing customers into the azure_* tables")
struct AzureMirrorTests {
    static let account = "7654321:aa11bb22-0000-1111-2222-333344445555_2019-05-31"

    /// An emulated ARM with data in `account`, a fresh database, and the mirror built from its port
    /// (the real `AzureBillingClient` over the in-memory wire) listing `accounts` and `profiles`.
    struct Environment {
        let service: InProcessEmulator
        let databasePath: String
        var state: EmulatorState { service.state }
    }

    static func with(customers: Int = 9, accounts: [String] = [account], profiles: [String] = [],
                     _ body: (Environment, AzureMirror) async throws -> Void) async throws {
        var emulator = EmulatorConfiguration(customerCount: 2, seed: 3)
        emulator.armBillingAccounts = [account]
        emulator.armCustomersPerAccount = customers
        emulator.armDefaultPageSize = 4
        emulator.armEmptyPageEvery = 2
        let service = InProcessEmulator(emulator)
        let databasePath = EngineFixture.databasePath(in: try EngineFixture.makeTemporaryFolder())
        var clientConfiguration = EngineFixture.clientConfiguration(emulator, databasePath: databasePath)
        clientConfiguration.credentials.form = .v2(scope: "https://management.azure.com/.default")
        let logger = Logger(label: "billing-sync.test")
        let client = AzureBillingClient(
            configuration: AzureBillingClientConfiguration(armBaseURL: "http://management.azure.test",
                                                           credentials: clientConfiguration.credentials),
            exchange: service, clock: .continuous, logger: logger)
        let store = try StoreWriter(path: databasePath)
        let mirror = AzureMirror(client: client, store: store,
                                 settings: AzureMirrorSettings(billingAccounts: accounts, billingProfiles: profiles,
                                                               expand: true, interval: .seconds(6 * 3_600)),
                                 logger: logger)
        do {
            try await body(Environment(service: service, databasePath: databasePath), mirror)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    static func reader(_ environment: Environment) throws -> StoreReader {
        try StoreReader(path: environment.databasePath)
    }

    @Test("a pass mirrors every customer with plans and resellers and records a sync run of kind 'azure'")
    func firstPass() async throws {
        try await Self.with { environment, mirror in
            let counts = try await mirror.runOnce()
            #expect(counts.customersSeen == 9 && counts.customersAdded == 9 && counts.errors == 0)
            let expected = await environment.state.armCustomers(account: Self.account)
            let stored = try Self.reader(environment).read { try $0.azureCustomers(account: Self.account) }
            #expect(stored.map(\.record.name) == expected.compactMap { $0.text("name") }.sorted())
            for (json, row) in zip(expected.sorted { $0.text("name")! < $1.text("name")! }, stored) {
                #expect(row.record.displayName == json.value(atPath: "properties.displayName")?.stringValue)
                #expect(row.record.plans?.count == json.value(atPath: "properties.enabledAzurePlans")?.arrayValue?.count)
                #expect(row.record.resellers?.count == json.value(atPath: "properties.resellers")?.arrayValue?.count)
            }
            let run = try #require(try Self.reader(environment).read { try $0.recentRuns(limit: 5) }.first)
            #expect(run.kind == "azure" && run.status == "ok" && run.counts.customersSeen == 9 && run.counts.profilesChanged == 9)

            let again = try await mirror.runOnce()
            #expect(again.customersUnchanged == 9 && again.customersChanged == 0 && again.historyRows == 0)
        }
    }

    @Test("the views: each customer with its plans and resellers, joined to the Partner Center customer with the same id")
    func views() async throws {
        try await Self.with(customers: 3) { environment, mirror in
            try await mirror.runOnce()
            let names = try Self.reader(environment).read { try $0.azureCustomers() }.map(\.record.name)
            let first = try #require(names.first)
            let shared = try #require(CustomerID(first))
            let store = try StoreWriter(path: environment.databasePath)
            try await store.write { tx in
                try tx.upsertCustomer(CustomerRecord(id: shared, companyName: "Shared Ltd", domain: "shared.example",
                                                     tenantID: shared.rawValue, relationship: "reseller",
                                                     rawJSON: "{}"), seenAt: Timestamp.now())
            }
            await store.close()
            let connection = try Connection(path: environment.databasePath, mode: .readOnly)
            let overview = try connection.query("SELECT * FROM azure_customer_overview ORDER BY customer_name")
            #expect(overview.count == 3 && overview.allSatisfy { $0.string("azure_plans") != nil })
            let joined = try connection.query("SELECT * FROM azure_partner_customers")
            #expect(joined.count == 1 && joined.first?.string("company_name") == "Shared Ltd")
            #expect(joined.first?.string("customer_id") == shared.rawValue)
        }
    }

    @Test("a changed reseller description and a new plan are recorded as field-level drift")
    func drift() async throws {
        try await Self.with { environment, mirror in
            try await mirror.runOnce()
            let state = environment.state
            let target = try #require(await state.armCustomers(account: Self.account).first {
                !($0.value(atPath: "properties.resellers")?.arrayValue ?? []).isEmpty
            })
            let name = try #require(target.text("name"))
            let resellerID = try #require(target.value(atPath: "properties.resellers")?.arrayValue?.first?.text("resellerId"))
            await state.modifyARMCustomer(account: Self.account, name: name) { resource in
                var resellers = resource.value(atPath: "properties.resellers")?.arrayValue ?? []
                resellers[0].setValue(.string("Renamed Reseller"), atPath: "description")
                resource.setValue(.array(resellers), atPath: "properties.resellers")
                var plans = resource.value(atPath: "properties.enabledAzurePlans")?.arrayValue ?? []
                plans.append(.object(["skuId": .string("9999"), "skuDescription": .string("Test Plan")]))
                resource.setValue(.array(plans), atPath: "properties.enabledAzurePlans")
            }
            let counts = try await mirror.runOnce()
            #expect(counts.customersChanged == 1 && counts.historyRows == 2)
            let history = try Self.reader(environment).read { try $0.azureHistory(account: Self.account, name: name) }
            let reseller = try #require(history.first { $0.field == "resellers[\(resellerID)].description" })
            #expect(reseller.newValue == "Renamed Reseller" && reseller.oldValue != "Renamed Reseller")
            let plans = try #require(history.first { $0.field == "enabledAzurePlans" })
            #expect(plans.newValue?.contains("9999") == true && plans.oldValue?.contains("9999") != true)
        }
    }

    @Test("a customer that disappears is marked removed, not deleted; a failing listing fails the run, not the other accounts")
    func removal() async throws {
        try await Self.with(accounts: [Self.account, "missing-account"]) { environment, mirror in
            try await mirror.runOnce()
            let state = environment.state
            let name = try #require(await state.armCustomers(account: Self.account).last?.text("name"))
            #expect(await state.removeARMCustomer(account: Self.account, name: name))
            let counts = try await mirror.runOnce()
            #expect(counts.customersRemoved == 1 && counts.errors == 1, "the unknown account fails, the other is mirrored")
            let row = try #require(try Self.reader(environment).read { try $0.azureCustomer(account: Self.account, name: name) })
            #expect(row.removedAt != nil)
            let run = try #require(try Self.reader(environment).read { try $0.recentRuns(limit: 1) }.first)
            #expect(run.kind == "azure" && run.status == "failed" && run.counts.customersRemoved == 1)
            #expect(run.message?.contains("missing-account") == true)
        }
    }

    @Test("the loop runs a pass at once and stops when cancelled")
    func loop() async throws {
        try await Self.with(customers: 2) { environment, mirror in
            let loop = Task { try await mirror.runAzureLoop(interval: .seconds(3600)) }
            let reader = try Self.reader(environment)
            let deadline = ContinuousClock.now + .seconds(30)
            while try reader.read({ try $0.checkpoint(AzureMirror.lastSuccessKey) }) == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            loop.cancel()
            _ = try? await loop.value
            let runs = try reader.read { try $0.recentRuns(limit: 5) }.filter { $0.kind == "azure" }
            #expect(runs.count == 1 && runs.first?.status == "ok")
        }
    }
}
