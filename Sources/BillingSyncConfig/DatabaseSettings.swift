/// `[database]`: where and how the SQLite mirror is stored.
public struct DatabaseSettings: Sendable, Equatable {
    /// SQLite `PRAGMA synchronous` level.
    public enum SynchronousMode: String, Sendable, Equatable, CaseIterable {
        /// Durable against power loss (default).
        case full
        /// Faster; in WAL mode a power loss may roll back the last transactions.
        case normal
    }

    /// `path` (required): the database file, e.g. `/var/lib/billing-sync/billing-sync.sqlite`.
    public var path: String
    /// `busy_timeout`: how long a writer waits for a lock (default 5 s).
    public var busyTimeout: Duration
    /// `synchronous`: `full` (default) or `normal`.
    public var synchronous: SynchronousMode
    /// `checkpoint_interval`: how often the WAL is checkpointed (default 5 min).
    public var checkpointInterval: Duration
    /// `journal_size_limit_mb`: WAL size kept after a checkpoint, in MiB (default 64).
    public var journalSizeLimitMB: Int
    /// `integrity_check_interval`: how often the running daemon runs `PRAGMA quick_check` again
    /// (default 24 h; `"0s"` turns the periodic check off; the check at start always runs).
    public var integrityCheckInterval: Duration

    /// Allowed range of `journal_size_limit_mb`.
    public static let journalSizeLimitRange: ClosedRange<Int> = 1...65_536

    /// Creates database settings; everything except `path` has a default.
    public init(
        path: String,
        busyTimeout: Duration = .seconds(5),
        synchronous: SynchronousMode = .full,
        checkpointInterval: Duration = .seconds(300),
        journalSizeLimitMB: Int = 64,
        integrityCheckInterval: Duration = .seconds(86_400)
    ) {
        self.path = path
        self.busyTimeout = busyTimeout
        self.synchronous = synchronous
        self.checkpointInterval = checkpointInterval
        self.journalSizeLimitMB = journalSizeLimitMB
        self.integrityCheckInterval = integrityCheckInterval
    }
}
