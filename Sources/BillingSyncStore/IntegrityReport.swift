import BillingSyncSQLite
import Foundation

/// What SQLite's own check (`PRAGMA integrity_check` or `quick_check`) says about a database file.
public struct IntegrityReport: Sendable, Hashable {
    /// The file checked.
    public let path: String
    /// `true` for `integrity_check` (also compares every index with its table), `false` for `quick_check`.
    public let full: Bool
    /// The problems found, as SQLite words them (e.g. `Tree 12 page 40: btreeInitPage() returns error code 11`);
    /// empty when the database is sound.
    public let problems: [String]

    /// `true` when nothing is wrong.
    public var isOK: Bool { problems.isEmpty }

    /// Creates a report.
    public init(path: String, full: Bool, problems: [String]) {
        self.path = path
        self.full = full
        self.problems = problems
    }

    /// Checks the file at `path` through a new read-only connection (nothing is written, no schema is needed).
    ///
    /// SQLite refusing to read the file (`SQLITE_CORRUPT`, `SQLITE_NOTADB` — e.g. a damaged first
    /// page or schema) is a finding, reported as the problem; other failures (no such file, no
    /// permission) are thrown.
    public static func check(path: String, full: Bool) throws -> IntegrityReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.databaseMissing, "no database at \(path)")
        }
        do {
            let connection = try Connection(path: path, mode: .readOnly)
            defer { connection.close() }
            let lines = full ? try connection.integrityCheck() : try connection.quickCheck()
            return IntegrityReport(path: path, full: full, problems: lines == ["ok"] ? [] : lines)
        } catch let error as SQLiteError where error.isCorruption {
            return IntegrityReport(path: path, full: full, problems: [error.description])
        }
    }
}
