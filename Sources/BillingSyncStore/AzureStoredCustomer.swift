/// An ARM customer as read back from the mirror, with its bookkeeping timestamps.
public struct AzureStoredCustomer: Sendable, Hashable {
    /// The stored values; `plans` and `resellers` are nil when never fetched with `$expand`.
    public var record: AzureCustomerRecord
    /// When it was first listed.
    public var firstSeenAt: String
    /// When it was last listed.
    public var fetchedAt: String
    /// When a stored value last changed.
    public var changedAt: String
    /// When it stopped being listed; nil while listed.
    public var removedAt: String?
}
