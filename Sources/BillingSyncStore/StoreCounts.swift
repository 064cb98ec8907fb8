/// Row counts of the mirror, for status output and metrics.
public struct StoreCounts: Sendable, Hashable {
    /// Customers currently listed by the service.
    public var activeCustomers: Int
    /// Customers no longer listed (kept, with `removed_at`).
    public var removedCustomers: Int
    /// Billing profiles stored with status `ok`.
    public var profiles: Int
    /// Customers whose billing profile was not found.
    public var profilesNotFound: Int
    /// Rows of `profile_history`.
    public var historyRows: Int
    /// Outbox rows per status (every status present, zero when none).
    public var editsByStatus: [EditStatus: Int]
    /// Conflicts without a resolution.
    public var openConflicts: Int
}
