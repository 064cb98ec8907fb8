/// A stored sync run (a row of `sync_runs`).
public struct SyncRunRow: Sendable, Hashable {
    /// `sync_runs.id`.
    public var id: Int64
    /// `full`, `incremental`, `push` or `azure`.
    public var kind: String
    /// When it started (ISO-8601 UTC).
    public var startedAt: String
    /// When it ended; nil while running.
    public var finishedAt: String?
    /// `running`, `ok`, `failed` or `interrupted`.
    public var status: String
    /// Its counters.
    public var counts: SyncRunCounts
    /// Summary or error message.
    public var message: String?
}
