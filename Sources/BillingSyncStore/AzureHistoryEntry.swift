/// One field-level change of an ARM customer (a row of `azure_customer_history`). Fields are
/// `displayName`, `billingProfileId`, `billingProfileDisplayName`, `enabledAzurePlans`,
/// `enabledAzurePlans[<skuId>].skuDescription`, `resellers` and `resellers[<id>].description`.
public struct AzureHistoryEntry: Sendable, Hashable {
    /// The billing account name.
    public var billingAccount: String
    /// The customer name.
    public var customerName: String
    /// The field that changed.
    public var field: String
    /// The value before (nil when absent).
    public var oldValue: String?
    /// The value after (nil when absent).
    public var newValue: String?
    /// When the change was detected (set when read back; ignored when appending).
    public var detectedAt: String?

    /// Creates an entry.
    public init(billingAccount: String, customerName: String, field: String, oldValue: String?,
                newValue: String?, detectedAt: String? = nil) {
        self.billingAccount = billingAccount
        self.customerName = customerName
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.detectedAt = detectedAt
    }
}
