/// Why `billing-sync db backup` or `db recover` did not produce its file (nothing was replaced).
public struct DatabaseMaintenanceError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The target is not usable: `--keep` without a directory, a file `recover` would overwrite, ….
        case invalidTarget = "invalid_target"
        /// The source is not a billing-sync database (no schema) or cannot be opened as one.
        case notADatabase = "not_a_database"
        /// The copy failed `PRAGMA integrity_check` (the source itself is damaged): it was thrown away.
        case copyDamaged = "copy_damaged"
        /// Creating, flushing or renaming a file failed.
        case fileSystem = "file_system"
    }

    /// The kind of failure.
    public let code: Code
    /// A sentence naming the file and what to do.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
