import BillingSyncSQLite
import Testing
@testable import BillingSyncStore

@Suite("Azure billing customers in the store")
struct AzureCustomerStoreTests {
    static let account = "1234567:abc_2019-05-31"
    static let profileID = "/providers/Microsoft.Billing/billingAccounts/\(account)/billingProfiles/P1"

    static func record(_ name: String, displayName: String = "Contoso", plans: [AzurePlanRecord]? = [],
                       resellers: [AzureResellerRecord]? = [], profileID: String = profileID) -> AzureCustomerRecord {
        AzureCustomerRecord(billingAccount: account, name: name,
                            resourceID: "/providers/Microsoft.Billing/billingAccounts/\(account)/customers/\(name)",
                            displayName: displayName, billingProfileID: profileID,
                            billingProfileDisplayName: "Ops Billing", plans: plans, resellers: resellers,
                            rawJSON: #"{"name":"\#(name)"}"#)
    }

    @Test("migration 2 adds the Azure tables and views; both views start empty")
    func schema() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let info = try await writer.info()
        #expect(info.schemaVersion >= 2)
        #expect(Set(info.tables.map(\.table)).isSuperset(of: [
            "azure_customers", "azure_customer_plans", "azure_customer_resellers", "azure_customer_history",
        ]))
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        for view in ["azure_customer_overview", "azure_partner_customers"] {
            #expect(try raw.query("SELECT * FROM \(view)").isEmpty)
        }
    }

    @Test("a saved customer reads back with plans and resellers; the overview view concatenates them")
    func saveAndRead() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let saved = Self.record("c1", plans: [AzurePlanRecord(skuID: "0002", skuDescription: "DevTest"),
                                              AzurePlanRecord(skuID: "0001", skuDescription: "Azure Plan")],
                                resellers: [AzureResellerRecord(resellerID: "r1", description: "Reseller1")])
        try await writer.write { try $0.saveAzureCustomer(saved, fetchedAt: "2026-01-01T00:00:00.000Z", changed: true) }
        let stored = try #require(try await writer.read { try $0.azureCustomer(account: Self.account, name: "c1") })
        #expect(stored.record.plans?.map(\.skuID) == ["0001", "0002"] && stored.record.resellers?.count == 1)
        #expect(stored.firstSeenAt == "2026-01-01T00:00:00.000Z" && stored.removedAt == nil)
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        let row = try #require(try raw.queryFirst("SELECT * FROM azure_customer_overview"))
        #expect(row.string("azure_plans") == "0001 Azure Plan; 0002 DevTest")
        #expect(row.string("resellers") == "r1 Reseller1")
    }

    @Test("saving without plans (no $expand) keeps the stored plans and resellers")
    func unexpandedKeepsPlans() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let plans = [AzurePlanRecord(skuID: "0001", skuDescription: "Azure Plan")]
        try await writer.write { try $0.saveAzureCustomer(Self.record("c1", plans: plans), fetchedAt: Timestamp.now(), changed: true) }
        try await writer.write {
            try $0.saveAzureCustomer(Self.record("c1", displayName: "New", plans: nil, resellers: nil),
                                     fetchedAt: Timestamp.now(), changed: true)
        }
        let stored = try #require(try await writer.read { try $0.azureCustomer(account: Self.account, name: "c1") })
        #expect(stored.record.plans == plans && stored.record.displayName == "New")
    }

    @Test("customers not listed since a time are marked removed (rows kept), and only within the profile asked for")
    func markRemoved() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { tx in
            try tx.saveAzureCustomer(Self.record("old1"), fetchedAt: "2026-01-01T00:00:00.000Z", changed: true)
            try tx.saveAzureCustomer(Self.record("old2", profileID: Self.profileID + "x"),
                                     fetchedAt: "2026-01-01T00:00:00.000Z", changed: true)
            try tx.saveAzureCustomer(Self.record("fresh"), fetchedAt: "2026-02-01T00:00:00.000Z", changed: true)
        }
        let inProfile = try await writer.write {
            try $0.markAzureCustomersRemoved(account: Self.account, billingProfileID: Self.profileID.uppercased(),
                                             notSeenSince: "2026-01-15T00:00:00.000Z", at: "2026-02-01T00:00:01.000Z")
        }
        #expect(inProfile == ["old1"])
        let rest = try await writer.write {
            try $0.markAzureCustomersRemoved(account: Self.account, notSeenSince: "2026-01-15T00:00:00.000Z",
                                             at: "2026-02-01T00:00:02.000Z")
        }
        #expect(rest == ["old2"])
        let all = try await writer.read { try $0.azureCustomers(includeRemoved: true) }
        #expect(all.count == 3 && all.filter { $0.removedAt != nil }.map(\.record.name) == ["old1", "old2"])
        #expect(try await writer.read { try $0.azureCustomers() }.map(\.record.name) == ["fresh"])
    }

    @Test("history rows read back newest first")
    func history() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { tx in
            try tx.appendAzureHistory([AzureHistoryEntry(billingAccount: Self.account, customerName: "c1", field: "displayName",
                                                         oldValue: "A", newValue: "B")], detectedAt: "2026-01-01T00:00:00.000Z")
            try tx.appendAzureHistory([AzureHistoryEntry(billingAccount: Self.account, customerName: "c1",
                                                         field: "resellers[r1].description", oldValue: "R", newValue: nil)],
                                      detectedAt: "2026-01-02T00:00:00.000Z")
        }
        let rows = try await writer.read { try $0.azureHistory(account: Self.account, name: "c1") }
        #expect(rows.map(\.field) == ["resellers[r1].description", "displayName"])
        #expect(rows[0].newValue == nil && rows[1].detectedAt == "2026-01-01T00:00:00.000Z")
    }
}
