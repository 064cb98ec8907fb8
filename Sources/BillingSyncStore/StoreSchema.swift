import BillingSyncSQLite

/// The store's schema: an ordered list of migrations, applied by `Migrator` when the writer opens.
///
/// To change the schema, append a migration with the next version (e.g. the Azure tables as
/// version 2); never edit one that has shipped. `docs/schema.md` documents the result.
public enum StoreSchema {
    /// Every migration, oldest first.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "initial schema", sql: initialSchemaSQL),
        Migration(version: 2, name: "azure billing customers", sql: azureSchemaSQL),
        Migration(version: 3, name: "queue-time bases, push claims, mirror sequence, retry set", sql: pushSafetySQL),
        Migration(version: 4, name: "current_profiles paged by customer id", sql: readerIndexesSQL),
        Migration(version: 5, name: "address validation: needs_review, country rules, validations", sql: addressValidationSQL),
        Migration(version: 6, name: "row seal of mirrored profiles, customers with a failed fetch", sql: rowSealSQL),
        Migration(version: 7, name: "row seal withdrawn by the database on a hand edit", sql: sealGuardSQL),
    ]

    /// The version a fully migrated database has (`PRAGMA user_version`).
    public static let currentVersion: Int32 = migrations.last?.version ?? 0

    /// The current time as SQLite writes it, the same format as `Timestamp.now()`.
    static let sqlNow = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
}
