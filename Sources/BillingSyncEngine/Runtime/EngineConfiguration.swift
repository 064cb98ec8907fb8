/// What the sync engine needs to know, independent of where it came from (TOML, the demo, tests).
public struct EngineConfiguration: Sendable {
    /// `size=` of the customers list.
    public var pageSize: Int
    /// Profile fetches in flight at once (the client's limiter still applies).
    public var maxConcurrency: Int
    /// Fetched profiles written per `BEGIN IMMEDIATE` transaction.
    public var batchSize: Int
    /// Poll the audit-records feed for incremental changes.
    public var auditFeedEnabled: Bool
    /// How often the audit feed is polled.
    public var auditInterval: Duration
    /// How often a full reconcile runs as the safety net.
    public var fullResyncInterval: Duration
    /// Random delay added to each scheduled full reconcile so several daemons do not align.
    public var fullResyncJitter: Duration
    /// Spread the profile fetches of a scheduled (not the first) full reconcile over this period.
    public var spreadFullResync: Duration?
    /// Push local edits at all.
    public var pushEnabled: Bool
    /// PUT attempts for one edit (ETag conflicts and transient failures) before it becomes `failed`.
    public var maxPushAttempts: Int
    /// First backoff between push attempts (doubled each time, full jitter).
    public var pushBackoffInitial: Duration
    /// Largest backoff between push attempts.
    public var pushBackoffMax: Duration
    /// The fallback poll: the longest wait between checks of `PRAGMA data_version` for edits queued
    /// by other processes (the daemon checks at once on an inotify hint of the WAL changing).
    public var outboxPollInterval: Duration
    /// How long a pusher's claim on a customer's edits lasts unless renewed (each attempt renews
    /// it; a crashed owner's claim is released at once when its process is known to be gone).
    public var pushClaimLease: Duration = .seconds(600)
    /// Address checks before a PUT that changes the address, culture or language. `off` here
    /// (the library default keeps every existing caller as it was); the daemon takes it from
    /// `[push] address_validation`.
    public var addressValidation: AddressValidationPolicy = .off
    /// Cached country rules older than this are fetched again.
    public var countryRulesMaxAge: Duration = .seconds(7 * 24 * 3600)

    public init(pageSize: Int = 500, maxConcurrency: Int = 8, batchSize: Int = 200,
                auditFeedEnabled: Bool = true, auditInterval: Duration = .seconds(60),
                fullResyncInterval: Duration = .seconds(24 * 3600), fullResyncJitter: Duration = .seconds(1800),
                spreadFullResync: Duration? = nil, pushEnabled: Bool = true, maxPushAttempts: Int = 5,
                pushBackoffInitial: Duration = .seconds(1), pushBackoffMax: Duration = .seconds(60),
                outboxPollInterval: Duration = .seconds(1)) {
        self.pageSize = pageSize
        self.maxConcurrency = maxConcurrency
        self.batchSize = batchSize
        self.auditFeedEnabled = auditFeedEnabled
        self.auditInterval = auditInterval
        self.fullResyncInterval = fullResyncInterval
        self.fullResyncJitter = fullResyncJitter
        self.spreadFullResync = spreadFullResync
        self.pushEnabled = pushEnabled
        self.maxPushAttempts = maxPushAttempts
        self.pushBackoffInitial = pushBackoffInitial
        self.pushBackoffMax = pushBackoffMax
        self.outboxPollInterval = outboxPollInterval
    }
}
