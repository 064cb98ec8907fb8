import BillingSyncFiles
import BillingSyncStore
import Foundation
import Logging
import Metrics

/// Reads the metrics that come from the database (outbox by status, conflicts, oldest pending
/// edit, mirror size, history rows), the refresh token's age and the process metrics every
/// ``interval`` on its own read-only connection, so a scrape never touches SQLite and nothing is
/// read inside a write transaction.
public struct MetricsSampler: Sendable {
    /// The mirror database.
    public let databasePath: String
    /// How often the values are read.
    public let interval: Duration
    private let logger: Logger
    private let process = ProcessMetrics()

    /// Creates a sampler; nothing is read until ``run()``.
    public init(databasePath: String, interval: Duration = .seconds(15), logger: Logger) {
        self.databasePath = databasePath
        self.interval = interval
        self.logger = logger
    }

    /// Records `billing_sync_build_info`, then samples at once and every ``interval`` until cancelled.
    public func run() async throws {
        Gauge(label: MetricNames.buildInfo, dimensions: [("version", BillingSyncVersion.current)]).record(1)
        var reader: StoreReader?
        while !Task.isCancelled {
            process.sample()
            sampleRefreshToken()
            do {
                let current = try reader ?? StoreReader(path: databasePath)
                reader = current
                record(try current.read { try $0.metricsSample() })
            } catch {
                reader = nil
                logger.notice("could not read database metrics", metadata: ["error": "\(error)"])
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Records one database sample.
    func record(_ sample: MetricsSample, now: Date = Date()) {
        for (status, count) in sample.counts.editsByStatus {
            Gauge(label: MetricNames.outboxEdits, dimensions: [("status", status.rawValue)]).record(count)
        }
        Gauge(label: MetricNames.openConflicts).record(sample.counts.openConflicts)
        let age = sample.oldestPendingCreatedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0
        Gauge(label: MetricNames.oldestPendingEditAgeSeconds).record(age)
        let reviewAge = sample.oldestReviewSince.map { max(0, now.timeIntervalSince($0)) } ?? 0
        Gauge(label: MetricNames.oldestReviewEditAgeSeconds).record(reviewAge)
        Gauge(label: MetricNames.mirrorCustomers, dimensions: [("state", "active")]).record(sample.counts.activeCustomers)
        Gauge(label: MetricNames.mirrorCustomers, dimensions: [("state", "removed")]).record(sample.counts.removedCustomers)
        Gauge(label: MetricNames.mirrorProfiles, dimensions: [("status", "ok")]).record(sample.counts.profiles)
        Gauge(label: MetricNames.mirrorProfiles, dimensions: [("status", "not_found")]).record(sample.counts.profilesNotFound)
        for (source, count) in sample.historyRowsBySource {
            Gauge(label: MetricNames.historyRows, dimensions: [("source", source)]).record(count)
        }
        Gauge(label: MetricNames.databaseSampleTimestampSeconds).record(now.timeIntervalSince1970)
    }

    private func sampleRefreshToken(now: Date = Date()) {
        guard let rotated = RefreshTokenFile(databasePath: databasePath).lastRefreshed() else { return }
        Gauge(label: MetricNames.refreshTokenLastRotatedTimestampSeconds).record(rotated.timeIntervalSince1970)
        Gauge(label: MetricNames.refreshTokenAgeSeconds).record(max(0, now.timeIntervalSince(rotated)))
    }
}
