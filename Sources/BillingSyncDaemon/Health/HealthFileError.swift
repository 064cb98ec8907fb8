/// Why the health file could not be written or read.
public struct HealthFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reasons.
    public enum Code: String, Sendable {
        /// Creating or writing the temporary file failed.
        case writeFailed = "write_failed"
        /// Renaming the temporary file over the health file failed.
        case renameFailed = "rename_failed"
        /// The file does not exist (the daemon has not run with this database).
        case notFound = "not_found"
        /// The file exists but could not be read or decoded.
        case unreadable = "unreadable"
    }

    /// What failed.
    public let code: Code
    /// The file involved.
    public let path: String
    /// `errno` or decoder detail.
    public let detail: String

    /// Creates an error.
    public init(code: Code, path: String, detail: String = "") {
        self.code = code
        self.path = path
        self.detail = detail
    }

    /// One line for logs and the CLI.
    public var description: String {
        "health file \(code.rawValue): \(path)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}
