/// Receives what the engine is doing, so the daemon can drive the systemd watchdog, the health
/// state and `STATUS=` lines without the engine knowing about any of them.
public protocol SyncObserver: Sendable {
    /// Real work was done (a page listed, a batch written, the outbox checked).
    func progress()
    /// A human-readable line about the current activity.
    func status(_ text: String)
    /// An API or store failure of one activity that an operator may need to see; `nil` when that
    /// activity succeeds again. The daemon's health is the worst problem of all activities.
    func problem(_ error: (any Error)?, in activity: SyncActivity)
    /// Counters for metrics: profiles changed, edits pushed/conflicted/rejected/failed.
    func record(_ event: SyncEvent)
}

/// The independent activities whose problems make up the daemon's health.
public enum SyncActivity: String, Sendable, CaseIterable {
    case startup, reconcile, auditFeed = "audit_feed", outbox, azure
    /// Customers whose profile could not be fetched (kept in the retry set): set by every full
    /// reconcile and every audit poll (which refreshes the retry set), so it clears as soon as
    /// they are fetched again, without waiting for the next full reconcile.
    case customers
}

/// Countable outcomes reported to the observer.
public enum SyncEvent: Sendable, Equatable {
    case profilesChanged(Int)
    case editPushed
    case editConflicted
    case editRejected
    case editFailed
    case reconcileSucceeded
    /// Profiles handled so far in the current reconcile, out of `total`.
    case profilesFetched(done: Int, total: Int)
    /// An edit was held for review (address not verified under `require`).
    case editNeedsReview
    /// One call of the address service and what it said.
    case addressValidation(outcome: AddressValidationOutcome)
}

/// What one call of the address service came to, for metrics.
public enum AddressValidationOutcome: String, Sendable, CaseIterable {
    /// Verified or VerifiedShippable.
    case verified
    /// Any other status.
    case notVerified = "not_verified"
    /// The call failed.
    case error
}

/// An observer that ignores everything (tests, one-shot runs without a daemon).
public struct NoSyncObserver: SyncObserver {
    public init() {}
    public func progress() {}
    public func status(_ text: String) {}
    public func problem(_ error: (any Error)?, in activity: SyncActivity) {}
    public func record(_ event: SyncEvent) {}
}
