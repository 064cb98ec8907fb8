import PartnerCenterAPI

/// The HTTP client is the production implementation of the engine's ARM port.
extension AzureBillingClient: AzureBillingPort {
    public func customerListing(_ scope: AzureCustomerScope, query: AzureCustomerQuery)
        -> any AsyncSequence<[AzureCustomer], PartnerCenterError> {
        customerPages(scope, query: query)
    }
}
