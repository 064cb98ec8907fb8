#if canImport(Glibc)
import Glibc
#endif
import BillingSyncFiles
import Foundation

/// A new database file being written beside its final path: created empty with its final mode
/// before SQLite writes into it, then checked, flushed and renamed into place (``AtomicFile``),
/// or removed. A reader of the final path sees the old file or the complete new one.
struct MaintenanceFile {
    /// The final path.
    let path: String
    /// The temporary file in the same directory.
    let temporary: String

    /// Creates the empty temporary file for `path` with `mode` (0640: customer data, readable by the group).
    init(for path: String, mode: mode_t = 0o640) throws(DatabaseMaintenanceError) {
        let url = URL(fileURLWithPath: path)
        self.path = path
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw DatabaseMaintenanceError(.fileSystem, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        // The umask may have narrowed the mode; the copy gets exactly `mode`, like the files it copies.
        _ = fchmod(descriptor, mode)
        close(descriptor)
    }

    /// Flushes the finished file and renames it over `path`.
    func install() throws(DatabaseMaintenanceError) {
        do {
            try AtomicFile.install(temporary, at: path)
        } catch {
            throw DatabaseMaintenanceError(.fileSystem, "cannot put \(path) in place: \(error.detail)")
        }
    }

    /// Removes the temporary file (and any journal SQLite left beside it).
    func discard() {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(temporary + suffix) }
    }
}
