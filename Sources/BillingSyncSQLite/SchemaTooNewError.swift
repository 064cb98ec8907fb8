/// The database was written by a newer billing-sync: its `user_version` is above the newest
/// migration this build knows. Thrown before anything is written.
public struct SchemaTooNewError: Error, Sendable, CustomStringConvertible {
    /// The database's `PRAGMA user_version`.
    public let databaseVersion: Int32
    /// The newest version this build supports.
    public let supportedVersion: Int32
    /// The database file.
    public let path: String

    /// Creates the error.
    public init(databaseVersion: Int32, supportedVersion: Int32, path: String) {
        self.databaseVersion = databaseVersion
        self.supportedVersion = supportedVersion
        self.path = path
    }

    /// For example: `database schema version 7 is newer than this billing-sync supports (3);
    /// upgrade billing-sync (database: /var/lib/billing-sync/mirror.db)`.
    public var description: String {
        "database schema version \(databaseVersion) is newer than this billing-sync supports "
            + "(\(supportedVersion)); upgrade billing-sync (database: \(path))"
    }
}
