import BillingSyncEngine
import BillingSyncStore
import Testing

@Suite("Azure mirror diff")
struct AzureMirrorDiffTests {
    static func record(displayName: String = "Contoso", plans: [AzurePlanRecord]?, resellers: [AzureResellerRecord]?) -> AzureCustomerRecord {
        AzureCustomerRecord(billingAccount: "a", name: "c", resourceID: "/r", displayName: displayName, billingProfileID: "/p",
                            billingProfileDisplayName: "P", plans: plans, resellers: resellers, rawJSON: "{}")
    }

    @Test("first sight records nothing; identical states record nothing")
    func noChanges() {
        let state = Self.record(plans: [AzurePlanRecord(skuID: "0001", skuDescription: "Plan")], resellers: [])
        #expect(AzureMirrorDiff.changes(from: nil, to: state).isEmpty)
        #expect(AzureMirrorDiff.changes(from: state, to: state).isEmpty)
    }

    @Test("display name, plan set, plan description and reseller description changes are separate fields")
    func fieldChanges() {
        let old = Self.record(plans: [AzurePlanRecord(skuID: "0001", skuDescription: "Plan")],
                              resellers: [AzureResellerRecord(resellerID: "r1", description: "One")])
        let new = Self.record(displayName: "Contoso Ltd",
                              plans: [AzurePlanRecord(skuID: "0001", skuDescription: "Plan v2"),
                                      AzurePlanRecord(skuID: "0002", skuDescription: "DevTest")],
                              resellers: [AzureResellerRecord(resellerID: "r1", description: "Uno")])
        let changes = AzureMirrorDiff.changes(from: old, to: new).map { "\($0.field): \($0.oldValue ?? "nil") → \($0.newValue ?? "nil")" }
        #expect(changes == [
            "displayName: Contoso → Contoso Ltd",
            "enabledAzurePlans: 0001 → 0001,0002",
            "enabledAzurePlans[0001].skuDescription: Plan → Plan v2",
            "resellers[r1].description: One → Uno",
        ])
    }

    @Test("without $expand (plans and resellers unknown) no plan or reseller change is reported")
    func unexpanded() {
        let old = Self.record(plans: [AzurePlanRecord(skuID: "0001", skuDescription: "Plan")], resellers: [])
        #expect(AzureMirrorDiff.changes(from: old, to: Self.record(plans: nil, resellers: nil)).isEmpty)
    }
}
