import BillingSyncSQLite
import Foundation

extension ReadContext {
    /// Counts, the oldest waiting edit, the longest review and history rows by source, in one snapshot.
    public func metricsSample() throws -> MetricsSample {
        let counts = try counts()
        let oldest = try connection.queryFirst(
            "SELECT min(created_at) AS oldest FROM outbox WHERE status IN (\(EditStatus.openSQL))", [])?
            .string("oldest").flatMap(Timestamp.date(from:))
        let review = try connection.queryFirst(
            "SELECT min(coalesce(updated_at, created_at)) AS since FROM outbox WHERE status = \(EditStatus.needsReview.sql)", [])?
            .string("since").flatMap(Timestamp.date(from:))
        var bySource = Dictionary(uniqueKeysWithValues: ChangeSource.allCases.map { ($0.rawValue, 0) })
        for row in try connection.query("SELECT source, count(*) AS n FROM profile_history GROUP BY source", []) {
            if let source = row.string("source") { bySource[source] = row.count("n") }
        }
        return MetricsSample(counts: counts, oldestPendingCreatedAt: oldest, oldestReviewSince: review,
                             historyRowsBySource: bySource)
    }
}
