import BillingSyncSQLite
import BillingSyncStore
import Foundation

/// Finds remote changes made by a `DriftDriver` in the mirror's `profile_history`, read through a
/// read-only connection as any reporting tool would.
struct ChangeDetection {
    let databasePath: String

    /// Detection latency in seconds of each change found (`detected_at` minus the change time).
    func latencies(of changes: [DriftDriver.Change]) throws -> [Double] {
        let connection = try Connection(path: databasePath, mode: .readOnly)
        defer { connection.close() }
        let sql = """
            SELECT min(detected_at) AS detected FROM profile_history
            WHERE customer_id = ? AND field = ? AND new_value = ? AND source = 'remote'
            """
        return try changes.compactMap { change in
            let row = try connection.queryFirst(sql, [change.customer.rawValue, change.field, change.value])
            guard let text = row?.string("detected"), let detected = Timestamp.date(from: text) else { return nil }
            return detected.timeIntervalSince(change.at)
        }
    }

    /// Polls until every change is found or `timeout` passes; returns the latencies found.
    func waitForAll(_ changes: [DriftDriver.Change], timeout: Duration) async throws -> [Double] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found = try latencies(of: changes)
            if found.count >= changes.count || ContinuousClock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(250))
        }
    }
}
