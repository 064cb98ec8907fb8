import PartnerCenterModels

/// The engine's port to ARM billing (`Microsoft.Billing` customers): every call `AzureMirror`
/// makes, and nothing else. `AzureBillingClient` implements it over HTTP. Every call throws only
/// `PartnerCenterError`.
public protocol AzureBillingPort: Sendable {
    /// The customers of a billing account or profile, one page per element
    /// (`Customers_ListByBillingAccount` / `Customers_ListByBillingProfile`, then `nextLink`).
    func customerListing(_ scope: AzureCustomerScope, query: AzureCustomerQuery)
        -> any AsyncSequence<[AzureCustomer], PartnerCenterError>
}
