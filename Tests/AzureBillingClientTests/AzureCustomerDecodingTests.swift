import AzureBillingClient
import BillingSyncTesting
import PartnerCenterModels
import Testing

/// The examples of ARM "Customers - Get" (seed 003), from `DocumentationExamples`.
@Suite("ARM customer model: the documentation's examples")
struct AzureCustomerDecodingTests {
    @Test("the example without $expand: names and billing profile, no plans or resellers")
    func plainExample() throws {
        let customer = try AzureCustomer(json: JSONValue(parsing: DocumentationExamples.armCustomer))
        #expect(customer.name == "{customerName}")
        #expect(customer.resourceID == "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerName}")
        #expect(customer.type == "Microsoft.Billing/billingAccounts/customers")
        #expect(customer.displayName == "customer1")
        #expect(customer.billingProfileDisplayName == "Contoso Operations Billing")
        #expect(customer.billingProfileID?.hasSuffix("/billingProfiles/11000000-0000-0000-0000-000000000000") == true)
        #expect(customer.enabledAzurePlans == nil && customer.resellers == nil)
    }

    @Test("the example with $expand: one Azure plan and two resellers")
    func expandedExample() throws {
        let customer = try AzureCustomer(json: JSONValue(parsing: DocumentationExamples.armCustomerWithExpand))
        #expect(customer.displayName == "customerName1")
        #expect(customer.enabledAzurePlans == [AzurePlan(skuID: "0002", skuDescription: "Microsoft Azure Plan for DevTest")])
        #expect(customer.resellers == [
            AzureReseller(resellerID: "89e87bdf-a2a2-4687-925f-4c18b27bccfd", description: "Reseller1"),
            AzureReseller(resellerID: "3b65b5a8-bd4f-4084-90e9-e1bd667a2b19", description: "Reseller2"),
        ])
    }

    @Test("a resource without a name is refused")
    func missingName() throws {
        #expect(throws: ModelDecodingError.self) {
            try AzureCustomer(json: JSONValue(parsing: #"{"id": "/x", "properties": {}}"#))
        }
    }
}
