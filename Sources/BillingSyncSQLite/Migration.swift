/// One schema step, identified by the `PRAGMA user_version` it brings the database to.
public struct Migration: Sendable {
    /// The `user_version` after this migration (positive, unique within a ``Migrator``).
    public let version: Int32
    /// A short name for messages, such as `"create_outbox"`.
    public let name: String
    /// Applies the change; runs inside the migrator's `BEGIN IMMEDIATE` transaction.
    public let apply: @Sendable (Connection) throws -> Void

    /// A migration that executes an SQL script.
    public init(version: Int32, name: String, sql: String) {
        self.init(version: version, name: name) { connection in
            try connection.execute(sql)
        }
    }

    /// A migration that runs arbitrary code on the connection.
    public init(version: Int32, name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}
