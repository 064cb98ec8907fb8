#if canImport(Glibc)
import Glibc
#endif

extension Connection {
    /// Creates an empty database file with `permissions` when none exists yet, before SQLite
    /// opens it: SQLite would create it with 0644 less the umask, readable by every user. SQLite
    /// treats an empty file as a new database and gives the `-wal` and `-shm` files the database
    /// file's permission bits. An existing file is left as it is; any other failure is left for
    /// `sqlite3_open_v2` to report with its own message. In-memory and URI names are not files.
    static func createFileIfMissing(_ path: String, permissions: UInt32) {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(permissions))
        if descriptor >= 0 { Glibc.close(descriptor) }
    }
}
