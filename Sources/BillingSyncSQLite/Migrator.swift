/// Brings a database's schema up to date by `PRAGMA user_version`.
///
/// Each pending migration runs in its own `BEGIN IMMEDIATE` transaction that also sets
/// `user_version`, so a failure leaves the database at the last completed version. A database
/// newer than the newest migration is refused before anything is written.
public struct Migrator: Sendable {
    /// The migrations, sorted by version.
    public let migrations: [Migration]

    /// Creates a migrator; versions must be positive and unique.
    public init(migrations: [Migration]) {
        let sorted = migrations.sorted { $0.version < $1.version }
        precondition(sorted.allSatisfy { $0.version > 0 }, "migration versions must be positive")
        precondition(Set(sorted.map(\.version)).count == sorted.count, "migration versions must be unique")
        self.migrations = sorted
    }

    /// The newest schema version this migrator knows (0 without migrations).
    public var supportedVersion: Int32 { migrations.last?.version ?? 0 }

    /// Applies the pending migrations.
    /// - Returns: the `user_version` before and after.
    /// - Throws: ``SchemaTooNewError`` (having changed nothing) when the database is newer than
    ///   ``supportedVersion``; ``MigrationError`` when a migration fails (it is rolled back).
    @discardableResult
    public func migrate(_ connection: Connection) throws -> (from: Int32, to: Int32) {
        let start = try connection.userVersion
        try refuseIfTooNew(start, connection)
        for migration in migrations where migration.version > start {
            try connection.transaction(.immediate) {
                // Re-read under the write lock: another process may have migrated meanwhile.
                let current = try connection.userVersion
                try refuseIfTooNew(current, connection)
                guard current < migration.version else { return }
                do {
                    try migration.apply(connection)
                    try connection.setUserVersion(migration.version)
                } catch {
                    throw MigrationError(version: migration.version, name: migration.name, underlying: error)
                }
            }
        }
        return (start, try connection.userVersion)
    }

    private func refuseIfTooNew(_ version: Int32, _ connection: Connection) throws {
        guard version <= supportedVersion else {
            throw SchemaTooNewError(databaseVersion: version, supportedVersion: supportedVersion, path: connection.path)
        }
    }
}
