import BillingSyncSQLite
import BillingSyncStore
import Foundation

/// `billing-sync db backup`: a consistent copy of the live database, taken while the daemon writes.
///
/// SQLite's online backup API copies the pages of one read snapshot (``Connection/backup(into:)``):
/// chosen over `VACUUM INTO` because it copies pages as they are (no rebuilding of every table and
/// index, so less CPU for the same snapshot) into a file this code created with its mode, and
/// because the copy can be checked before anything is renamed. The copy must pass
/// `PRAGMA integrity_check` before it is flushed and renamed into place; a copy of a damaged
/// database is thrown away and never replaces an earlier good backup.
public enum DatabaseBackup {
    /// What one backup produced.
    public struct Outcome: Sendable, Equatable {
        /// The backup file written.
        public let path: String
        /// Its size in bytes.
        public let bytes: Int64
        /// Older backups removed to keep `--keep` copies.
        public let removed: [String]
    }

    /// Copies the database at `databasePath` to `target`.
    ///
    /// `target` is the backup file's path, or an existing directory: then the file is
    /// `<database name>-<UTC time>.sqlite` in it (e.g. `billing-sync-20261204T221500Z.sqlite`) and,
    /// with `keep`, all but the newest `keep` files of that pattern are removed afterwards
    /// (only after the new one is in place; other files are never touched).
    public static func run(databasePath: String, target: String, keep: Int? = nil, now: Date = Date()) throws -> Outcome {
        var isDirectory: ObjCBool = false
        let targetIsDirectory = FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue
        if let keep {
            guard keep >= 1 else { throw DatabaseMaintenanceError(.invalidTarget, "--keep must be at least 1 (got \(keep))") }
            guard targetIsDirectory else {
                throw DatabaseMaintenanceError(.invalidTarget, "--keep needs a directory to keep the copies in; \(target) is not one")
            }
        }
        let stem = URL(fileURLWithPath: databasePath).deletingPathExtension().lastPathComponent
        let path = targetIsDirectory ? URL(fileURLWithPath: target).appendingPathComponent("\(stem)-\(stamp(now)).sqlite").path : target
        let source = try openSource(databasePath)
        defer { source.close() }
        let file = try MaintenanceFile(for: path)
        do {
            try source.backup(into: file.temporary)
            let report = try IntegrityReport.check(path: file.temporary, full: true)
            guard report.isOK else {
                throw DatabaseMaintenanceError(.copyDamaged,
                    "the copy of \(databasePath) failed integrity_check (\(report.problems.prefix(3).joined(separator: "; "))); "
                    + "it was discarded and \(path) left as it was. Check the database with `billing-sync db check`")
            }
            try file.install()
        } catch {
            file.discard()
            throw error
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        let removed = try keep.map { try prune(directory: target, stem: stem, keep: $0) } ?? []
        return Outcome(path: path, bytes: bytes, removed: removed)
    }

    /// Opens the live database read-only, refusing a file without a billing-sync schema.
    static func openSource(_ databasePath: String) throws -> Connection {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw StoreError(.databaseMissing, "no database at \(databasePath)")
        }
        let connection = try Connection(path: databasePath, mode: .readOnly)
        guard try connection.userVersion > 0 else {
            connection.close()
            throw DatabaseMaintenanceError(.notADatabase, "\(databasePath) has no billing-sync schema (user_version 0)")
        }
        return connection
    }

    /// Removes all but the newest `keep` backups named `<stem>-<stamp>.sqlite` in `directory`.
    static func prune(directory: String, stem: String, keep: Int) throws -> [String] {
        let pattern = try Regex("^" + NSRegularExpression.escapedPattern(for: stem) + #"-\d{8}T\d{6}Z\.sqlite$"#)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.wholeMatch(of: pattern) != nil }
            .sorted()
        return try names.dropLast(keep).map { name in
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            try FileManager.default.removeItem(atPath: path)
            return path
        }
    }

    /// `20261204T221500Z`: sortable as text, no characters a shell or systemd would mind.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T"
            + two(parts.hour) + two(parts.minute) + two(parts.second) + "Z"
    }
}
