/// Counters of one sync run (columns of `sync_runs`).
public struct SyncRunCounts: Sendable, Hashable {
    /// Customers listed by the service.
    public var customersSeen: Int
    /// Billing profiles fetched.
    public var profilesFetched: Int
    /// Fetched profiles whose content changed.
    public var profilesChanged: Int
    /// Fetched profiles whose content was the same.
    public var profilesUnchanged: Int
    /// Customers that disappeared from the list in this run.
    public var customersRemoved: Int
    /// Requests or items that failed.
    public var errors: Int

    /// Creates counters, all zero unless given.
    public init(customersSeen: Int = 0, profilesFetched: Int = 0, profilesChanged: Int = 0,
                profilesUnchanged: Int = 0, customersRemoved: Int = 0, errors: Int = 0) {
        self.customersSeen = customersSeen
        self.profilesFetched = profilesFetched
        self.profilesChanged = profilesChanged
        self.profilesUnchanged = profilesUnchanged
        self.customersRemoved = customersRemoved
        self.errors = errors
    }
}
