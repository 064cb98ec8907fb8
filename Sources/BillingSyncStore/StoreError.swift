/// An error of the store itself (SQLite errors arrive as `SQLiteError`, with code, message and SQL).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The database file does not exist (readers never create it).
        case databaseMissing = "database_missing"
        /// The file exists but was never migrated by the daemon.
        case notInitialized = "not_initialized"
        /// The file was migrated by a newer version of billing-sync.
        case schemaTooNew = "schema_too_new"
        /// No row with the given id or key.
        case notFound = "not_found"
        /// A transaction or read context was used after its block returned.
        case contextClosed = "context_closed"
        /// A stored value cannot be read back (e.g. a malformed customer id in a typed column).
        case corruptRow = "corrupt_row"
        /// An argument the schema would refuse (unknown status, resolution, run kind).
        case invalidArgument = "invalid_argument"
        /// An outbox edit is no longer this pusher's to change: another pusher claimed it, or its
        /// status already moved on (statuses only move forward).
        case claimLost = "claim_lost"
    }

    /// The kind of error.
    public let code: Code
    /// A sentence for people, naming the object concerned.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "store error \(code.rawValue): \(message)" }
}
