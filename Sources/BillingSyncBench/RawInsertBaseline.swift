import BillingSyncStore
import CBillingSyncSQLite
import Foundation
import PartnerCenterModels

/// Scenario 2's baseline: the same `billing_profiles` rows inserted through the SQLite C API
/// with one prepared statement in one transaction (values computed before the clock starts),
/// on a connection set up like the store's (WAL, `synchronous=FULL`, foreign keys on).
struct RawInsertBaseline {
    let path: String

    /// Inserts the rows and returns the elapsed time of BEGIN … COMMIT.
    func insert(_ rows: [ProfileRows.Row]) throws -> Duration {
        let fields = BillingProfileField.all
        let names = ["customer_id", "status", "etag"] + fields.map(\.column)
            + ["raw_json", "content_hash", "fetched_at", "changed_at", "last_seen_at"]
        let now = Timestamp.now()
        let values: [[String?]] = rows.map { row in
            let columns = ProfileColumns.flatten(row.resource)
            return [row.customer.id.rawValue, "ok", ProfileColumns.etag(of: row.resource)]
                + fields.map { columns[$0.path] ?? nil }
                + [row.rawJSON, ContentHash.of(resource: row.resource), now, now, now]
        }
        let database = try BareSQLite.open(path, flags: SQLITE_OPEN_READWRITE)
        defer { sqlite3_close_v2(database) }
        try BareSQLite.configureLikeTheStore(database)
        let sql = "INSERT INTO billing_profiles (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        let clock = ContinuousClock()
        let started = clock.now
        try BareSQLite.exec(database, "BEGIN IMMEDIATE")
        let statement = try BareSQLite.prepare(database, sql)
        defer { sqlite3_finalize(statement) }
        for row in values {
            for (index, value) in row.enumerated() {
                if let value {
                    _ = billingsync_bind_text(statement, Int32(index + 1), value, -1)
                } else {
                    sqlite3_bind_null(statement, Int32(index + 1))
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BareSQLite.failure(database, sql) }
            sqlite3_reset(statement)
        }
        try BareSQLite.exec(database, "COMMIT")
        return started.duration(to: clock.now)
    }
}
