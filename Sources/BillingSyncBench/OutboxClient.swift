import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterModels

/// Queues edits the way an outside tool does (a plain `INSERT INTO outbox` on its own
/// connection, with the mirrored ETag and snapshot as the base) and follows them.
final class OutboxClient {
    /// A finished edit.
    struct Outcome: Sendable {
        let status: String
        let attempts: Int
        /// `pushed_at` minus `created_at`, for pushed edits.
        let latency: Double?
    }

    private let connection: Connection

    init(databasePath: String) throws {
        connection = try Connection(path: databasePath, mode: .readWrite)
    }

    deinit { connection.close() }

    /// Queues `{"defaultAddress":{"city": city}}` for `customer`; returns the outbox id.
    func queueCityEdit(_ customer: CustomerID, city: String) throws -> Int64 {
        let base = try connection.queryFirst("SELECT etag, raw_json FROM billing_profiles WHERE customer_id = ?",
                                             [customer.rawValue])
        let patch = JSONValue.object(["defaultAddress": .object(["city": .string(city)])]).canonicalText()
        try connection.run("""
            INSERT INTO outbox (customer_id, patch, base_etag, base_snapshot, queued_by) VALUES (?, ?, ?, ?, 'bench')
            """, [customer.rawValue, patch, base?.string("etag"), base?.string("raw_json")])
        return connection.lastInsertRowID
    }

    /// A customer whose profile is mirrored and not in `excluding` (nil when there is none yet).
    func mirroredCustomer(excluding: Set<CustomerID>) throws -> CustomerID? {
        let rows = try connection.query("SELECT customer_id FROM billing_profiles ORDER BY random() LIMIT 32")
        return rows.compactMap { $0.string("customer_id").flatMap(CustomerID.init) }.first { !excluding.contains($0) }
    }

    /// The edit's outcome once it left `pending`/`pushing`; nil while still in progress.
    func outcome(_ id: Int64) throws -> Outcome? {
        guard let row = try connection.queryFirst(
            "SELECT status, attempts, created_at, pushed_at FROM outbox WHERE id = ?", [id]),
            let status = row.string("status"), status != "pending", status != "pushing" else { return nil }
        let created = row.string("created_at").flatMap(Timestamp.date(from:))
        let pushed = row.string("pushed_at").flatMap(Timestamp.date(from:))
        let latency = created.flatMap { c in pushed.map { $0.timeIntervalSince(c) } }
        return Outcome(status: status, attempts: Int(row.int64("attempts") ?? 0), latency: latency)
    }

    /// Polls every 10 ms until the edit is finished or `timeout` passes.
    func waitForOutcome(_ id: Int64, timeout: Duration) async throws -> Outcome? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let outcome = try outcome(id) { return outcome }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Conflicts recorded so far.
    func conflictCount() throws -> Int {
        Int(try connection.scalar(Int64.self, "SELECT count(*) FROM conflicts") ?? 0)
    }
}
