/// `[sync]`: how the pull side pages, throttles and schedules its work.
public struct SyncSettings: Sendable, Equatable {
    /// `page_size`: customers per list request (default 500).
    public var pageSize: Int
    /// `max_concurrency`: parallel per-customer requests (default 8).
    public var maxConcurrency: Int
    /// `requests_per_minute`: client-side rate limit (default 500).
    public var requestsPerMinute: Int
    /// `audit_interval`: how often the audit feed is polled (default 1 min).
    public var auditInterval: Duration
    /// `audit_feed`: use the audit feed for incremental sync (default true).
    public var auditFeed: Bool
    /// `full_resync_interval`: full reconcile period (default 24 h).
    public var fullResyncInterval: Duration
    /// `full_resync_jitter`: random delay added to each full reconcile (default 30 min).
    public var fullResyncJitter: Duration
    /// `batch_size`: rows per write transaction (default 200).
    public var batchSize: Int

    /// Allowed range of `page_size`.
    public static let pageSizeRange: ClosedRange<Int> = 1...2_000
    /// Allowed range of `max_concurrency`.
    public static let maxConcurrencyRange: ClosedRange<Int> = 1...64
    /// Partner Center's documented budget per tenant (reference §5), shared by every tool of the partner.
    public static let serviceRequestsPerMinute = 500
    /// Allowed range of `requests_per_minute`. The top is far above any service's budget (values
    /// above `serviceRequestsPerMinute` are warned about): it is what a configuration for a service
    /// without a limit (an emulator) uses, a client limit whose burst (a tenth of a minute's
    /// budget, 100,000 requests) no load of the benchmark's sizes waits for.
    public static let requestsPerMinuteRange: ClosedRange<Int> = 1...1_000_000
    /// Allowed range of `batch_size`.
    public static let batchSizeRange: ClosedRange<Int> = 1...10_000

    /// Creates sync settings; all values have defaults.
    public init(
        pageSize: Int = 500,
        maxConcurrency: Int = 8,
        requestsPerMinute: Int = 500,
        auditInterval: Duration = .seconds(60),
        auditFeed: Bool = true,
        fullResyncInterval: Duration = .seconds(24 * 3_600),
        fullResyncJitter: Duration = .seconds(30 * 60),
        batchSize: Int = 200
    ) {
        self.pageSize = pageSize
        self.maxConcurrency = maxConcurrency
        self.requestsPerMinute = requestsPerMinute
        self.auditInterval = auditInterval
        self.auditFeed = auditFeed
        self.fullResyncInterval = fullResyncInterval
        self.fullResyncJitter = fullResyncJitter
        self.batchSize = batchSize
    }
}
