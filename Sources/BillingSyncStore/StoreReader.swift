import BillingSyncSQLite
import Foundation
import Synchronization

/// A read-only connection to the mirror for status commands, the CLI and health checks.
/// It never creates or migrates the file, and sees committed data while the writer works (WAL).
public final class StoreReader: Sendable {
    /// The database file.
    public let path: String
    /// Serializes every use of `connection`.
    private let lock = Mutex(())
    /// Used only while `lock` is held: contexts handed out are invalidated before it is released,
    /// so a context that escapes its block cannot reach the connection (it throws `contextClosed`).
    private nonisolated(unsafe) let connection: Connection

    /// Opens `path` read-only; fails with `databaseMissing` when there is no such file,
    /// `notInitialized` when it was never migrated, and `schemaTooNew` for a newer schema.
    public init(path: String, options: ConnectionOptions = .init()) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.databaseMissing, "no database at \(path); create it with `billing-sync db migrate` (or by starting the daemon)")
        }
        let connection = try Connection(path: path, mode: .readOnly, options: options)
        let version = try connection.userVersion
        guard version > 0 else {
            throw StoreError(.notInitialized, "\(path) has no billing-sync schema (user_version 0)")
        }
        guard version <= StoreSchema.currentVersion else {
            throw StoreError(.schemaTooNew,
                             "\(path) has schema version \(version); this build knows up to \(StoreSchema.currentVersion)")
        }
        self.path = path
        self.connection = connection
    }

    /// Runs `body` on one consistent snapshot (a deferred read transaction).
    public func read<T: Sendable>(_ body: (ReadContext) throws -> T) throws -> T {
        try lock.withLock { _ in
            try connection.transaction(.deferred) {
                let context = ReadContext(connection)
                defer { context.invalidate() }
                return try body(context)
            }
        }
    }

    /// Schema version, file sizes and row counts, for `billing-sync db info`.
    public func info() throws -> StoreInfo {
        try read { try StoreInfo.collect(path: path, from: $0) }
    }
}
