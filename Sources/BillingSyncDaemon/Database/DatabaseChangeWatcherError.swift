/// Why the inotify watcher of the database could not start (the outbox loop then polls).
public struct DatabaseChangeWatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reasons.
    public enum Code: String, Sendable {
        /// Not Linux: there is no inotify.
        case unsupportedPlatform = "unsupported_platform"
        /// `inotify_init1` failed (e.g. `EMFILE`: too many inotify instances).
        case initFailed = "init_failed"
        /// `inotify_add_watch` on the database's directory failed (`ENOENT`: no such directory,
        /// `ENOSPC`: too many watches, `EACCES`).
        case watchFailed = "watch_failed"
        /// The pipe that stops the reader thread could not be made.
        case pipeFailed = "pipe_failed"
    }

    /// What failed.
    public let code: Code
    /// The directory that was to be watched.
    public let path: String
    /// `errno` text, or empty.
    public let detail: String

    /// Creates an error.
    public init(code: Code, path: String, detail: String = "") {
        self.code = code
        self.path = path
        self.detail = detail
    }

    /// One line for logs.
    public var description: String {
        "database change watcher \(code.rawValue): \(path)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}
