import Foundation

/// What the daemon's metrics read from the database: row counts, the oldest waiting edit and
/// history rows by source (read on a read-only connection, periodically, never per scrape).
public struct MetricsSample: Sendable, Hashable {
    /// The counts `status` shows.
    public var counts: StoreCounts
    /// When the oldest `pending` or `pushing` edit was queued (nil when none waits).
    public var oldestPendingCreatedAt: Date?
    /// Since when the longest-waiting `needs_review` edit has waited (its `updated_at`; nil when none).
    public var oldestReviewSince: Date? = nil
    /// `profile_history` rows per `source` (every ``ChangeSource``, zero when none).
    public var historyRowsBySource: [String: Int]
}
