/// A queued local edit of a billing profile (a row of `outbox`).
///
/// The customer id and patch are kept as the text that was inserted: any tool may insert rows
/// with plain SQL, so they are validated by the pusher, not here.
public struct OutboxEdit: Sendable, Hashable {
    /// `outbox.id`, increasing in queue order.
    public var id: Int64
    /// `customer_id` as inserted (not yet validated).
    public var customerIDText: String
    /// JSON merge patch on the billing profile, as inserted.
    public var patchText: String
    /// ETag the edit was based on, if the inserter knew it.
    public var baseETag: String?
    /// JSON of the profile the edit was based on, if known (the base of the 3-way merge).
    public var baseSnapshot: String?
    /// Where the edit is in its life cycle.
    public var status: EditStatus
    /// Number of PUT attempts so far.
    public var attempts: Int
    /// Last failure, for people.
    public var lastError: String?
    /// MS-RequestId of the PUT in flight (reused on retry after a timeout).
    public var requestID: String?
    /// Who queued it (`sql` for plain inserts, `cli`, …).
    public var queuedBy: String
    /// When it was queued (ISO-8601 UTC).
    public var createdAt: String
    /// When its status last changed.
    public var updatedAt: String?
    /// When Partner Center accepted it.
    public var pushedAt: String?
    /// ETag returned by the successful PUT.
    public var resultETag: String?
    /// The pusher that owns the edit now (`ClaimOwner` text), nil when unclaimed.
    public var claimedBy: String? = nil
    /// When that claim lapses unless renewed (ISO-8601 UTC).
    public var claimExpiresAt: String? = nil
    /// SHA-256 of the (If-Match, body) that `requestID` was sent with; a different PUT gets a new id.
    public var requestFingerprint: String? = nil
    /// What the operator decided after a review (`accepted:N`, `push_as_is`, `cancelled`), if any.
    public var reviewAction: String? = nil

    /// True when an operator chose to push the edit without the address service's approval.
    public var isPushAsIs: Bool { reviewAction == ReviewAction.pushAsIs.recorded }

    /// True while the edit may still be pushed (`pending` or `pushing`).
    public var isOpen: Bool { status == .pending || status == .pushing }
}
