import BillingSyncStore
import PartnerCenterAPI

extension AzureCustomerRecord {
    /// The mirror's row for a customer listed under `account`: `raw_json` is the resource's text
    /// as received (canonical text only when that is not known).
    init(customer: AzureCustomer, account: String) {
        self.init(billingAccount: account, name: customer.name, resourceID: customer.resourceID,
                  displayName: customer.displayName, billingProfileID: customer.billingProfileID,
                  billingProfileDisplayName: customer.billingProfileDisplayName,
                  plans: customer.enabledAzurePlans?.map { AzurePlanRecord(skuID: $0.skuID, skuDescription: $0.skuDescription) },
                  resellers: customer.resellers?.map { AzureResellerRecord(resellerID: $0.resellerID, description: $0.description) },
                  rawJSON: customer.receivedText ?? customer.resource.canonicalText())
    }
}
