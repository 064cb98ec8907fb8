#if canImport(Glibc)
import Glibc
#endif
import BillingSyncFiles
import Foundation

/// The small JSON file next to the database (`<db>.health.json`) through which the daemon
/// tells `billing-sync status` (a separate process) how it is doing.
public struct HealthFile: Sendable, Equatable {
    /// The file's path.
    public let path: String

    /// The health file for a database path: `<db>.health.json`.
    public init(databasePath: String) {
        path = databasePath + ".health.json"
    }

    /// A health file at an explicit path.
    public init(path: String) {
        self.path = path
    }

    /// Writes atomically (``AtomicFile``), so readers see either the old or the new snapshot, never a partial one.
    /// The file gets mode 0640 (the service `UMask=` may narrow it further).
    public func write(_ snapshot: HealthSnapshot) throws(HealthFileError) {
        let data: Data
        do { data = try snapshot.jsonData() } catch {
            throw HealthFileError(code: .writeFailed, path: path, detail: "\(error)")
        }
        do {
            try AtomicFile.write(data, to: path, mode: 0o640)
        } catch {
            throw HealthFileError(code: error.stage == .write ? .writeFailed : .renameFailed, path: error.path, detail: error.detail)
        }
    }

    /// Reads the last snapshot the daemon wrote.
    public func read() throws(HealthFileError) -> HealthSnapshot {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let missing = (error as? CocoaError)?.code == .fileReadNoSuchFile
            throw HealthFileError(code: missing ? .notFound : .unreadable, path: path, detail: missing ? "" : "\(error)")
        }
        do {
            return try HealthSnapshot.decode(from: data)
        } catch {
            throw HealthFileError(code: .unreadable, path: path, detail: "\(error)")
        }
    }
}
