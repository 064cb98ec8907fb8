import BillingSyncSQLite
import Dispatch
import Foundation
import Synchronization

/// The one read-write connection to the mirror. Opening it creates the file if needed and
/// migrates it to `StoreSchema.currentVersion`. Every write is one short `BEGIN IMMEDIATE`
/// transaction; never hold one across network I/O.
public actor StoreWriter {
    /// The database file.
    public nonisolated let path: String
    /// The connection. Used only by one call at a time: inside the actor (`.inline`) or on
    /// `queue`, a serial queue that every call waits for (`.dedicatedQueue`).
    private nonisolated(unsafe) let connection: Connection
    /// The serial queue of `.dedicatedQueue`; nil for `.inline`.
    private let queue: DispatchQueue?
    /// Calls sent to `queue` and not yet finished.
    private var queuedWork = 0
    /// Set by `fence()`: no transaction starts any more.
    private nonisolated let fenced = Mutex(false)
    /// The clock of every timestamp this writer stores (the simulation's clock under simulation).
    private nonisolated let now: @Sendable () -> Date

    /// Opens (creating) the database at `path` and applies pending migrations.
    /// Throws `SchemaTooNewError` when a newer billing-sync already migrated it further.
    /// `placement` says where the blocking SQLite calls run (see `StoreWorkPlacement`).
    /// `now` is the clock of the timestamps it writes (runs, edits, conflicts, checkpoints).
    public init(path: String, options: ConnectionOptions = .init(), placement: StoreWorkPlacement = .dedicatedQueue,
                now: @escaping @Sendable () -> Date = { Date() }) throws {
        let connection = try Connection(path: path, mode: .readWriteCreate, options: options)
        try Migrator(migrations: StoreSchema.migrations).migrate(connection)
        self.connection = connection
        self.now = now
        self.path = path
        switch placement {
        case .dedicatedQueue: queue = DispatchQueue(label: "billing-sync.store")
        case .inline: queue = nil
        }
    }

    /// Runs `body` in one immediate transaction: committed when it returns, rolled back when it throws.
    public func write<T: Sendable>(_ body: @escaping @Sendable (WriteTransaction) throws -> T) async throws -> T {
        let now = self.now
        return try await perform { connection in
            try connection.transaction(.immediate) {
                let transaction = WriteTransaction(connection, now: now)
                defer { transaction.invalidate() }
                return try body(transaction)
            }
        }
    }

    /// Runs `body` on a consistent snapshot through the writer's connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (ReadContext) throws -> T) async throws -> T {
        try await perform(mayBlock: false) { connection in
            try connection.transaction(.deferred) {
                let context = ReadContext(connection)
                defer { context.invalidate() }
                return try body(context)
            }
        }
    }

    /// Copies the WAL into the database file when no reader needs it (a passive checkpoint).
    public func checkpoint() async throws {
        try await perform { _ = try $0.checkpoint(.passive) }
    }

    /// `PRAGMA data_version`: changes when another connection (a tool inserting into `outbox`) commits.
    public func dataVersion() async throws -> Int64 {
        try await perform(mayBlock: false) { try $0.dataVersion() }
    }

    /// Schema version, file sizes and row counts, for `billing-sync db info`.
    public func info() async throws -> StoreInfo {
        let path = path
        return try await read { try StoreInfo.collect(path: path, from: $0) }
    }

    /// Runs one piece of SQLite work where `placement` says, refusing it once fenced.
    ///
    /// Work that cannot block (`mayBlock` false: a read transaction in WAL mode takes no lock
    /// another process can hold) runs at once inside the actor when nothing is queued, so a
    /// one-row read costs no thread hop; anything else, and everything while queued work is
    /// pending, goes through the queue in order, so the connection never has two users.
    private func perform<T: Sendable>(mayBlock: Bool = true, _ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try refuseIfFenced()
        guard let queue, mayBlock || queuedWork > 0 else { return try work(connection) }
        nonisolated(unsafe) let connection = connection
        queuedWork += 1
        defer { queuedWork -= 1 }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work(connection) })
            }
        }
    }

    /// Makes every later `write` and `read` fail at once, from any context, without waiting for
    /// the actor: what a process that stops dead leaves behind (the simulation's crashes), and a
    /// way to stop all writes before a connection is closed.
    public nonisolated func fence() {
        fenced.withLock { $0 = true }
    }

    /// Fences the store (``fence()``) and keeps its connection from checkpointing the WAL into the
    /// database file when it closes: what the daemon does once it knows the file is damaged, so
    /// that from then on nothing of this process writes to the file (queued work ends first).
    public func seal() async {
        fence()
        nonisolated(unsafe) let connection = connection
        guard let queue else {
            try? connection.disableCheckpointOnClose()
            return
        }
        await withCheckedContinuation { continuation in
            queue.async {
                try? connection.disableCheckpointOnClose()
                continuation.resume()
            }
        }
    }

    private func refuseIfFenced() throws {
        if fenced.withLock({ $0 }) {
            throw StoreError(.contextClosed, "the store at \(path) is fenced: no transaction may start")
        }
    }

    /// Closes the connection; later calls fail with an SQLite error.
    public func close() async {
        nonisolated(unsafe) let connection = connection
        guard let queue else { return connection.close() }
        await withCheckedContinuation { continuation in
            queue.async {
                connection.close()
                continuation.resume()
            }
        }
    }
}
