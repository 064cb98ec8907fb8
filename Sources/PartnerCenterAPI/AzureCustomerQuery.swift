/// Options of a customer GET or listing.
public struct AzureCustomerQuery: Sendable, Hashable {
    /// The `$expand` value that brings enabled Azure plans and resellers.
    public static let expandPlansAndResellers = "enabledAzurePlans,resellers"

    /// Ask for `enabledAzurePlans` and `resellers` (`$expand=enabledAzurePlans,resellers`).
    public var expand: Bool
    /// An OData `$filter` (listings only).
    public var filter: String?
    /// `$search`: customers whose name contains the text (listings only).
    public var search: String?

    /// Creates a query.
    public init(expand: Bool = true, filter: String? = nil, search: String? = nil) {
        self.expand = expand
        self.filter = filter
        self.search = search
    }
}
