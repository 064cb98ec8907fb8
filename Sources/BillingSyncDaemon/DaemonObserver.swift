import BillingSyncEngine
import Foundation
import Logging
import Metrics
import PartnerCenterClient

/// Connects the engine's events to the systemd watchdog, the health state, `STATUS=` lines and
/// the Prometheus counters.
public struct DaemonObserver: SyncObserver {
    let watchdog: ProgressWatchdog?
    let health: HealthMonitor
    let notifier: SystemdNotifier?
    let logger: Logger

    public init(watchdog: ProgressWatchdog?, health: HealthMonitor, notifier: SystemdNotifier?, logger: Logger) {
        self.watchdog = watchdog
        self.health = health
        self.notifier = notifier
        self.logger = logger
    }

    public func progress() {
        watchdog?.recordProgress()
    }

    public func status(_ text: String) {
        try? notifier?.send(.status(text))
    }

    public func problem(_ error: (any Error)?) {
        let health = self.health
        let state = error.map(Self.healthState(for:)) ?? .healthy
        let message = error.map { "\($0)" }
        Task { await health.update(state, error: message) }
    }

    public func record(_ event: SyncEvent) {
        switch event {
        case .profilesChanged(let count):
            Counter(label: MetricNames.profilesChangedTotal).increment(by: count)
        case .editPushed: editCounter(MetricNames.EditOutcome.pushed)
        case .editConflicted: editCounter(MetricNames.EditOutcome.conflict)
        case .editRejected: editCounter(MetricNames.EditOutcome.rejected)
        case .editFailed: editCounter(MetricNames.EditOutcome.failed)
        case .profilesFetched(let done, let total):
            if done == total || done % 1000 < 200 { status("reconcile: \(done)/\(total) profiles") }
        case .reconcileSucceeded:
            Gauge(label: MetricNames.lastReconcileSuccessTimestampSeconds).record(Date().timeIntervalSince1970)
        }
    }

    private func editCounter(_ outcome: String) {
        Counter(label: MetricNames.editsTotal, dimensions: [(MetricNames.Label.outcome, outcome)]).increment()
    }

    /// The operator-facing state for an error.
    static func healthState(for error: any Error) -> HealthState {
        if let error = error as? PartnerCenterError {
            switch error.kind {
            case .credential, .unauthorized: return .credentialsExpired
            case .forbidden: return .forbidden
            case .rateLimited: return .rateLimited(until: Date().addingTimeInterval(error.retryAfter?.seconds ?? 60))
            case .transient: return .unreachable
            default: return .degraded(error.message)
            }
        }
        let text = "\(error)"
        if text.contains("SQLITE_BUSY") || text.contains("SQLITE_LOCKED") { return .databaseLocked }
        return .degraded(text)
    }
}
