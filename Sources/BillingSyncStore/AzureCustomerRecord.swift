/// An ARM billing customer as the mirror stores it (a row of `azure_customers` with its plans
/// and resellers). `plans` and `resellers` are nil when they were not requested (no `$expand`):
/// the stored ones are then left as they are.
public struct AzureCustomerRecord: Sendable, Hashable {
    /// The billing account name.
    public var billingAccount: String
    /// The customer name (a GUID: the Partner Center customer id).
    public var name: String
    /// The ARM resource id.
    public var resourceID: String
    /// `properties.displayName`.
    public var displayName: String?
    /// `properties.billingProfileId`.
    public var billingProfileID: String?
    /// `properties.billingProfileDisplayName`.
    public var billingProfileDisplayName: String?
    /// Enabled Azure plans, nil when unknown.
    public var plans: [AzurePlanRecord]?
    /// Resellers, nil when unknown.
    public var resellers: [AzureResellerRecord]?
    /// The resource as received (canonical JSON text).
    public var rawJSON: String

    /// Creates a record.
    public init(billingAccount: String, name: String, resourceID: String, displayName: String?,
                billingProfileID: String?, billingProfileDisplayName: String?, plans: [AzurePlanRecord]?,
                resellers: [AzureResellerRecord]?, rawJSON: String) {
        self.billingAccount = billingAccount
        self.name = name
        self.resourceID = resourceID
        self.displayName = displayName
        self.billingProfileID = billingProfileID
        self.billingProfileDisplayName = billingProfileDisplayName
        self.plans = plans
        self.resellers = resellers
        self.rawJSON = rawJSON
    }
}
