import PartnerCenterAPI

extension AzureCustomerQuery {
    /// The query parameters after `api-version`.
    var parameters: [(String, String?)] {
        [("$expand", expand ? Self.expandPlansAndResellers : nil), ("$filter", filter), ("$search", search)]
    }
}
