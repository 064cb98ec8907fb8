import BillingSyncEngine
import BillingSyncSQLite
import Foundation
import Logging
import Metrics
import PartnerCenterClient
import Synchronization

/// Connects the engine's events to the systemd watchdog, the health state, `STATUS=` lines and
/// the Prometheus counters.
public final class DaemonObserver: SyncObserver {
    let watchdog: ProgressWatchdog?
    let health: HealthMonitor
    let notifier: SystemdNotifier?
    let logger: Logger
    /// Trips on `SQLITE_CORRUPT`/`SQLITE_NOTADB` in a reported problem (nil: not watched).
    let databaseGuard: DatabaseGuard?
    /// The current problem of each activity (absent: that activity is fine).
    private let problems = ProblemTable()

    public init(watchdog: ProgressWatchdog?, health: HealthMonitor, notifier: SystemdNotifier?, logger: Logger,
                databaseGuard: DatabaseGuard? = nil) {
        self.databaseGuard = databaseGuard
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

    public func problem(_ error: (any Error)?, in activity: SyncActivity) {
        if let error { databaseGuard?.inspect(error) }
        let activityState = error.map { Self.healthState(for: $0) } ?? .healthy
        problems.withLock { $0[activity] = error.map { (activityState, "\($0)") } }
        HealthStateGauge.record(activityState, activity: activity.rawValue)
        if error == nil, activity != .startup { recordSuccess(activity) }
        // The update reads the aggregate when it runs, so a late task cannot bring back an old state.
        Task { [health, problems] in
            let (state, message) = problems.withLock { problems in
                problems.values.max { Self.severity($0.state) < Self.severity($1.state) } ?? (.healthy, nil)
            }
            await health.update(state, error: message)
        }
    }

    /// How much an operator needs to act: the worst state of all activities is shown.
    static func severity(_ state: HealthState) -> Int {
        switch state {
        case .healthy, .starting: 0
        case .degraded: 1
        case .unreachable: 2
        case .rateLimited: 3
        case .databaseLocked: 4
        case .forbidden: 5
        case .credentialsExpired: 6
        case .databaseCorrupt: 7
        }
    }

    public func record(_ event: SyncEvent) {
        switch event {
        case .profilesChanged(let count):
            Counter(label: MetricNames.profilesChangedTotal).increment(by: count)
        case .editPushed: editCounter(MetricNames.EditOutcome.pushed)
        case .editConflicted: editCounter(MetricNames.EditOutcome.conflict)
        case .editRejected: editCounter(MetricNames.EditOutcome.rejected)
        case .editFailed: editCounter(MetricNames.EditOutcome.failed)
        case .editNeedsReview: editCounter(MetricNames.EditOutcome.needsReview)
        case .addressValidation(let outcome):
            Counter(label: MetricNames.addressValidationsTotal, dimensions: [(MetricNames.Label.outcome, outcome.rawValue)])
                .increment()
        case .profilesFetched(let done, let total):
            if done == total || done % 1000 < 200 { status("reconcile: \(done)/\(total) profiles") }
        case .reconcileSucceeded:
            recordSuccess(.reconcile)
        }
    }

    private func recordSuccess(_ activity: SyncActivity) {
        Gauge(label: MetricNames.lastSuccessTimestampSeconds, dimensions: [(MetricNames.Label.activity, activity.rawValue)])
            .record(Date().timeIntervalSince1970)
    }

    private func editCounter(_ outcome: String) {
        Counter(label: MetricNames.editsTotal, dimensions: [(MetricNames.Label.outcome, outcome)]).increment()
    }

    /// The operator-facing state for an error.
    static func healthState(for error: any Error) -> HealthState {
        if let failures = error as? CustomerFailures {
            // Confined to some customers: everyone else is synced; the operator sees who.
            return .degraded(failures.description)
        }
        if let error = error as? PartnerCenterError {
            switch error.kind {
            case .credential, .unauthorized: return .credentialsExpired
            case .forbidden: return .forbidden
            case .rateLimited: return .rateLimited(until: Date().addingTimeInterval(error.retryAfter?.seconds ?? 60))
            case .transient: return .unreachable
            default: return .degraded(error.message)
            }
        }
        if SQLiteError.corruption(in: error) != nil { return .databaseCorrupt }
        if SQLiteError.lockContention(in: error) != nil { return .databaseLocked }
        return .degraded("\(error)")
    }
}

/// The current problem of each activity, shared with the tasks that publish the health state.
final class ProblemTable: Sendable {
    private let table = Mutex<[SyncActivity: (state: HealthState, message: String?)]>([:])

    func withLock<T>(_ body: (inout [SyncActivity: (state: HealthState, message: String?)]) -> T) -> T {
        table.withLock { body(&$0) }
    }
}
