/// Settings applied when a ``Connection`` opens.
public struct ConnectionOptions: Sendable {
    /// How long a statement waits for another connection's lock before failing with `SQLITE_BUSY`
    /// (`sqlite3_busy_timeout`, which sleeps between retries rather than spinning).
    public var busyTimeout: Duration
    /// `PRAGMA synchronous` for read-write connections; `.full` keeps every commit durable.
    public var synchronous: SynchronousMode
    /// `PRAGMA journal_size_limit` in bytes: the WAL is truncated to this size after a checkpoint.
    public var journalSizeLimit: Int64
    /// `PRAGMA wal_autocheckpoint` in pages (0 disables automatic checkpoints).
    public var walAutoCheckpointPages: Int
    /// `PRAGMA foreign_keys` for read-write connections.
    public var foreignKeys: Bool
    /// The page cache of a read-write connection in KiB (`PRAGMA cache_size = -N`; SQLite's own
    /// default is 2,000 KiB). The writer's inserts and updates go to random leaves of the id
    /// indexes (customer ids are GUIDs); once those indexes outgrow the cache (~50k customers at
    /// 2 MB) every write reads pages back and spills dirty ones mid-transaction. Memory is taken as
    /// pages are used, up to this size. Read-only connections keep SQLite's default.
    public var writerCacheKiB: Int
    /// Keep the `-wal` file after the last connection closes (`SQLITE_FCNTL_PERSIST_WAL`), so
    /// read-only readers without write access to the directory can still open the database.
    public var persistentWAL: Bool
    /// Permission bits of a database file that a `.readWriteCreate` connection creates (the
    /// process umask can only narrow them). SQLite gives the `-wal` and `-shm` files the bits of
    /// the database file, whatever the umask. The default 0640 keeps the mirror (customer names,
    /// e-mail and postal addresses) from other users: the owner writes, its group reads.
    public var creationMode: UInt32
    /// Faults injected into write transactions (tests and the simulation only; nil in production).
    public var storageFaults: StorageFaultInjector? = nil

    /// Creates options; the defaults suit the billing-sync writer.
    public init(
        busyTimeout: Duration = .seconds(5),
        synchronous: SynchronousMode = .full,
        journalSizeLimit: Int64 = 64 * 1024 * 1024,
        walAutoCheckpointPages: Int = 1000,
        foreignKeys: Bool = true,
        writerCacheKiB: Int = 4 * 1024,
        persistentWAL: Bool = true,
        creationMode: UInt32 = 0o640
    ) {
        self.busyTimeout = busyTimeout
        self.synchronous = synchronous
        self.journalSizeLimit = journalSizeLimit
        self.walAutoCheckpointPages = walAutoCheckpointPages
        self.foreignKeys = foreignKeys
        self.writerCacheKiB = writerCacheKiB
        self.persistentWAL = persistentWAL
        self.creationMode = creationMode
    }

    /// The busy timeout in whole milliseconds, clamped to what `sqlite3_busy_timeout` accepts.
    var busyTimeoutMilliseconds: Int32 {
        let (seconds, attoseconds) = busyTimeout.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? 0 : Int32.max }
        let total = scaled + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }
}
