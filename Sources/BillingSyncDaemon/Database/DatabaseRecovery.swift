import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation

/// `billing-sync db recover --from DAMAGED --to NEW`: a fresh database at the current schema
/// holding what only the damaged one held (``StoreSalvage``); the mirror is left empty for the
/// next full reconcile to fill from Partner Center.
public enum DatabaseRecovery {
    /// Checkpoints left out of the new database: they say a full reconcile (or Azure pass)
    /// completed, which the empty mirror contradicts; without them the next start (or `sync
    /// --once`) reconciles at once. The audit feed's position is kept.
    public static let resetCheckpoints: Set<String> = [
        Reconciler.lastSuccessKey, Reconciler.lastSuccessStartKey, AzureMirror.lastSuccessKey,
    ]

    /// Salvages `damaged` into the new file `new` (which must not exist), written 0640 through a
    /// temporary file that is checked (`integrity_check`), flushed and renamed into place.
    /// `damaged` is only read.
    public static func run(from damaged: String, to new: String) throws -> SalvageReport {
        guard !FileManager.default.fileExists(atPath: new) else {
            throw DatabaseMaintenanceError(.invalidTarget, "\(new) exists; recover writes a new file and never replaces one")
        }
        let source: Connection
        do {
            source = try DatabaseBackup.openSource(damaged)
        } catch let error as SQLiteError where error.isCorruption {
            throw DatabaseMaintenanceError(.notADatabase,
                "SQLite cannot read \(damaged) as a database at all (\(error)); restore a backup instead (docs/operations.md)")
        }
        defer { source.close() }
        let file = try MaintenanceFile(for: new)
        do {
            let destination = try Connection(path: file.temporary, mode: .readWrite,
                                             options: ConnectionOptions(foreignKeys: false, persistentWAL: false))
            defer { destination.close() }
            try Migrator(migrations: StoreSchema.migrations).migrate(destination)
            let report = try StoreSalvage.salvage(from: source, into: destination, resetCheckpoints: resetCheckpoints)
            // One self-contained file (no -wal beside it), like a backup.
            try destination.execute("PRAGMA journal_mode = DELETE")
            let problems = try destination.integrityCheck()
            guard problems == ["ok"] else {
                throw DatabaseMaintenanceError(.copyDamaged, "the new database failed integrity_check: \(problems.prefix(3).joined(separator: "; "))")
            }
            destination.close()
            try file.install()
            return report
        } catch {
            file.discard()
            throw error
        }
    }
}
