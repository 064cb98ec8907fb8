import Foundation
import PartnerCenterClient
import PartnerCenterModels

extension AzureBillingClient {
    /// `Customers_Get`: `GET …/billingAccounts/{account}/customers/{name}` (with `$expand` when
    /// `expand`). Names are validated and percent-encoded; a bad one is refused before any request.
    /// The customer carries the body exactly as received (`receivedText`).
    public func customer(account: String, name: String, expand: Bool = true) async throws(PartnerCenterError) -> AzureCustomer {
        let url = try endpoint.url(Self.segments(.billingAccount(account)) + [("customers", false), (name, true)],
                                   query: AzureCustomerQuery(expand: expand).parameters)
        let request = APIRequest(method: .GET, url: url, route: "Customers_Get")
        let response = try await transport.send(request)
        do {
            return try AzureCustomer(json: response.json, receivedText: response.text)
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status, message: error.description)
        }
    }

    /// `Customers_ListByBillingAccount` or `Customers_ListByBillingProfile`, one page per
    /// element, following the absolute `nextLink` until it is absent or null.
    public func customerPages(_ scope: AzureCustomerScope, query: AzureCustomerQuery = AzureCustomerQuery()) -> AzureCustomerPages {
        AzureCustomerPages(client: self, scope: scope, query: query)
    }

    /// The URL of the first page of a listing.
    func listURL(_ scope: AzureCustomerScope, query: AzureCustomerQuery) throws(PartnerCenterError) -> String {
        try endpoint.url(Self.segments(scope) + [("customers", false)], query: query.parameters)
    }

    static func route(_ scope: AzureCustomerScope) -> String {
        switch scope {
        case .billingAccount: return "Customers_ListByBillingAccount"
        case .billingProfile: return "Customers_ListByBillingProfile"
        }
    }

    private static func segments(_ scope: AzureCustomerScope) -> [(text: String, isName: Bool)] {
        var segments: [(text: String, isName: Bool)] = [
            ("providers", false), ("Microsoft.Billing", false), ("billingAccounts", false), (scope.account, true),
        ]
        if case .billingProfile(_, let profile) = scope {
            segments += [("billingProfiles", false), (profile, true)]
        }
        return segments
    }
}
