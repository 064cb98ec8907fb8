/// A migration failed; its transaction was rolled back and `user_version` left at the previous step.
public struct MigrationError: Error, CustomStringConvertible {
    /// The failed migration's version.
    public let version: Int32
    /// The failed migration's name.
    public let name: String
    /// What went wrong, usually an ``SQLiteError``.
    public let underlying: any Error

    /// Creates the error.
    public init(version: Int32, name: String, underlying: any Error) {
        self.version = version
        self.name = name
        self.underlying = underlying
    }

    /// For example: `migration 2 (create_outbox) failed: SQLite error 1 (SQLITE_ERROR): …`.
    public var description: String {
        "migration \(version) (\(name)) failed: \(underlying)"
    }
}
