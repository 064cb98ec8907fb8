import BillingSyncSQLite
import BillingSyncStore
import Dispatch
import Logging
import Synchronization

/// Notices a damaged database and makes the daemon stop writing to it.
///
/// Findings come from `PRAGMA quick_check` (right after start, before the first write, and then
/// every `database.integrity_check_interval`) and from `SQLITE_CORRUPT`/`SQLITE_NOTADB` met by any
/// loop at run time (``SQLiteError/isCorruption``, through `DaemonObserver` and the loops' end).
/// The first finding trips the guard, once and for good in this process: the store is fenced at
/// once (no transaction starts any more) and sealed (its connection will not checkpoint the WAL
/// into the file when it closes), the health state becomes ``HealthState/databaseCorrupt``, and
/// the daemon's loops are stopped. The process stays up, reporting the state and feeding the
/// watchdog, so `Restart=on-failure` never restarts it into writing again.
public final class DatabaseGuard: Sendable {
    /// The database file checked.
    public let databasePath: String
    private let health: HealthMonitor
    private let logger: Logger
    private let finding = Mutex<String?>(nil)
    private let store = Mutex<StoreWriter?>(nil)
    private let onTrip = Mutex<(@Sendable () -> Void)?>(nil)

    /// Creates an untripped guard for `databasePath`, reporting to `health`.
    public init(databasePath: String, health: HealthMonitor, logger: Logger) {
        self.databasePath = databasePath
        self.health = health
        self.logger = logger
    }

    /// The first finding, once tripped.
    public var tripped: String? { finding.withLock { $0 } }

    /// The store to fence when the guard trips (fenced at once if it already has).
    public func attach(_ writer: StoreWriter) {
        store.withLock { $0 = writer }
        if tripped != nil { Task { await writer.seal() } }
    }

    /// What to run when the guard trips (e.g. stop the loops); run at once if it already has.
    public func whenTripped(_ handler: @escaping @Sendable () -> Void) {
        onTrip.withLock { $0 = handler }
        if tripped != nil { handler() }
    }

    /// Records that the database is damaged (the first finding wins) and stops all writing.
    public func trip(_ problem: String) {
        let first = finding.withLock { current -> Bool in
            guard current == nil else { return false }
            current = problem
            return true
        }
        guard first else { return }
        let writer = store.withLock { $0 }
        writer?.fence()
        logger.critical("the database is damaged; billing-sync stops writing to it and waits for an operator (docs/operations.md)",
                        metadata: ["database": "\(databasePath)", "problem": "\(problem)"])
        Task { [health] in
            await writer?.seal()
            await health.update(.databaseCorrupt, error: problem)
        }
        onTrip.withLock { $0 }?()
    }

    /// Trips the guard when `error` is SQLite reporting a damaged file; `true` when it is one.
    @discardableResult
    public func inspect(_ error: any Error) -> Bool {
        guard let corruption = SQLiteError.corruption(in: error) else { return false }
        trip(corruption.description)
        return true
    }

    /// Runs `PRAGMA quick_check` through a read-only connection on a thread of its own (it reads
    /// the whole file: about a second per 300 MB) and trips the guard when it finds a problem.
    /// A check that cannot run at all (the file is unreadable for another reason) is logged.
    /// - Returns: `true` when the database passed.
    @discardableResult
    public func check() async -> Bool {
        let path = databasePath
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(returning: Result { try IntegrityReport.check(path: path, full: false) })
            }
        }
        switch result {
        case .success(let report) where report.isOK:
            logger.info("quick_check: ok", metadata: ["database": "\(path)"])
            return true
        case .success(let report):
            trip("quick_check: " + report.problems.prefix(5).joined(separator: "; "))
            return false
        case .failure(let error):
            logger.warning("quick_check could not run", metadata: ["database": "\(path)", "error": "\(error)"])
            return tripped == nil
        }
    }
}
