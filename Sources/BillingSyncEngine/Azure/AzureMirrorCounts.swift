/// Tallies of one Azure mirror pass (also stored in its `sync_runs` row of kind `azure`).
public struct AzureMirrorCounts: Sendable, Equatable {
    /// Customers listed.
    public var customersSeen = 0
    /// Customers seen for the first time.
    public var customersAdded = 0
    /// Known customers with at least one changed field.
    public var customersChanged = 0
    /// Known customers with no change.
    public var customersUnchanged = 0
    /// Customers no longer listed, marked removed.
    public var customersRemoved = 0
    /// History rows written.
    public var historyRows = 0
    /// Listings (scopes) that failed.
    public var errors = 0

    /// Creates zero counts.
    public init() {}
}
