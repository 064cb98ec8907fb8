import BillingSyncSQLite
import Synchronization

/// The one read-write connection to the mirror. Opening it creates the file if needed and
/// migrates it to `StoreSchema.currentVersion`. Every write is one short `BEGIN IMMEDIATE`
/// transaction; never hold one across network I/O.
public actor StoreWriter {
    /// The database file.
    public nonisolated let path: String
    private let connection: Connection
    /// Set by `fence()`: no transaction starts any more.
    private nonisolated let fenced = Mutex(false)

    /// Opens (creating) the database at `path` and applies pending migrations.
    /// Throws `SchemaTooNewError` when a newer billing-sync already migrated it further.
    public init(path: String, options: ConnectionOptions = .init()) throws {
        let connection = try Connection(path: path, mode: .readWriteCreate, options: options)
        try Migrator(migrations: StoreSchema.migrations).migrate(connection)
        self.connection = connection
        self.path = path
    }

    /// Runs `body` in one immediate transaction: committed when it returns, rolled back when it throws.
    public func write<T: Sendable>(_ body: @Sendable (WriteTransaction) throws -> T) throws -> T {
        try refuseIfFenced()
        return try connection.transaction(.immediate) {
            let transaction = WriteTransaction(connection)
            defer { transaction.invalidate() }
            return try body(transaction)
        }
    }

    /// Runs `body` on a consistent snapshot through the writer's connection.
    public func read<T: Sendable>(_ body: @Sendable (ReadContext) throws -> T) throws -> T {
        try refuseIfFenced()
        return try connection.transaction(.deferred) {
            let context = ReadContext(connection)
            defer { context.invalidate() }
            return try body(context)
        }
    }

    /// Copies the WAL into the database file when no reader needs it (a passive checkpoint).
    public func checkpoint() throws {
        _ = try connection.checkpoint(.passive)
    }

    /// `PRAGMA data_version`: changes when another connection (a tool inserting into `outbox`) commits.
    public func dataVersion() throws -> Int64 {
        try connection.dataVersion()
    }

    /// Schema version, file sizes and row counts, for `billing-sync db info`.
    public func info() throws -> StoreInfo {
        let path = path
        return try read { try StoreInfo.collect(path: path, from: $0) }
    }

    /// Makes every later `write` and `read` fail at once, from any context, without waiting for
    /// the actor: what a process that stops dead leaves behind (the simulation's crashes), and a
    /// way to stop all writes before a connection is closed.
    public nonisolated func fence() {
        fenced.withLock { $0 = true }
    }

    private func refuseIfFenced() throws {
        if fenced.withLock({ $0 }) {
            throw StoreError(.contextClosed, "the store at \(path) is fenced: no transaction may start")
        }
    }

    /// Closes the connection; later calls fail with an SQLite error.
    public func close() {
        connection.close()
    }
}
