/// Life cycle of an outbox row (`outbox.status`).
public enum EditStatus: String, Sendable, CaseIterable {
    /// Queued, not yet attempted (the default for a plain SQL insert).
    case pending
    /// A PUT is in flight (`request_id` names it, so a retry after a timeout reuses it).
    case pushing
    /// Accepted by Partner Center (`result_etag`, `pushed_at` set).
    case pushed
    /// The remote profile changed the same fields; see `conflicts`.
    case conflict
    /// Invalid edit (bad customer id, bad JSON, field limits); never retried.
    case rejected
    /// Gave up after repeated transient failures (`last_error` says why).
    case failed
    /// Held back under `address_validation = "require"`: the address service did not verify the
    /// address (`last_error` says why; `address_validations` holds the suggestions). Left only
    /// to `pending` (a suggestion accepted, or pushed as is) or `cancelled`.
    case needsReview = "needs_review"
    /// Dropped by an operator while it needed review; final.
    case cancelled
}
