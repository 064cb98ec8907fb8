import AzureBillingClient
import PartnerCenterModels
import Testing

@Suite("ARM customer model: the documentation's examples")
struct AzureCustomerDecodingTests {
    /// "Customers - Get", sample response "Customer" (/work/shared/seeds/003_bf38488fd1240f9f.txt).
    static let customerExample = """
        {
          "id": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerName}",
          "name": "{customerName}",
          "type": "Microsoft.Billing/billingAccounts/customers",
          "properties": {
            "billingProfileId": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/billingProfiles/11000000-0000-0000-0000-000000000000",
            "billingProfileDisplayName": "Contoso Operations Billing",
            "displayName": "customer1"
          }
        }
        """

    /// "Customers - Get", sample response "CustomerWithExpand" (same seed).
    static let customerWithExpandExample = """
        {
          "id": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/customers/{customerName}",
          "name": "{customerName}",
          "type": "Microsoft.Billing/billingAccounts/customers",
          "properties": {
            "billingProfileId": "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}/billingProfiles/11000000-0000-0000-0000-000000000000",
            "billingProfileDisplayName": "Contoso Operations Billing",
            "displayName": "customerName1",
            "enabledAzurePlans": [
              {
                "skuId": "0002",
                "skuDescription": "Microsoft Azure Plan for DevTest"
              }
            ],
            "resellers": [
              {
                "resellerId": "89e87bdf-a2a2-4687-925f-4c18b27bccfd",
                "description": "Reseller1"
              },
              {
                "resellerId": "3b65b5a8-bd4f-4084-90e9-e1bd667a2b19",
                "description": "Reseller2"
              }
            ]
          }
        }
        """

    @Test("the example without $expand: names and billing profile, no plans or resellers")
    func plainExample() throws {
        let customer = try AzureCustomer(json: JSONValue(parsing: Self.customerExample))
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
        let customer = try AzureCustomer(json: JSONValue(parsing: Self.customerWithExpandExample))
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
