#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging

/// Holds the daemon's current ``HealthState`` and publishes it: to the health file (for
/// `billing-sync status`) on every change and at least every ``refreshInterval`` while updates
/// keep coming (so `updatedAt` shows the daemon is alive), and on state changes to systemd as
/// `STATUS=` and to the log.
public actor HealthMonitor {
    /// How stale the health file may get while the state is unchanged but updates keep arriving.
    public let refreshInterval: TimeInterval
    /// The current state.
    public private(set) var state: HealthState = .starting
    /// When the current state began.
    public private(set) var since: Date
    /// The most recent error message (redacted), kept across state changes until cleared by `healthy`.
    public private(set) var lastError: String?

    private let file: HealthFile?
    private let notifier: SystemdNotifier?
    private let redactor: SecretRedactor
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var lastWrite: Date?

    /// Creates a monitor in state ``HealthState/starting``; nothing is published until ``publish()`` or ``update(_:error:)``.
    public init(
        file: HealthFile?,
        notifier: SystemdNotifier? = nil,
        refreshInterval: TimeInterval = 60,
        redactor: SecretRedactor = .shared,
        logger: Logger = Logger(label: "billing-sync.health"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.file = file
        self.notifier = notifier
        self.redactor = redactor
        self.logger = logger
        self.now = now
        self.refreshInterval = refreshInterval
        self.since = now()
        HealthStateGauge.record(.starting, activity: MetricNames.Label.overall)
    }

    /// Records a state (and optionally the error that caused it). `since` changes only when the
    /// state's ``HealthState/code`` changes; a transition to ``HealthState/healthy`` clears the last error.
    /// ``HealthState/databaseCorrupt`` is final: once the database was found damaged, no later
    /// update (from a loop still winding down) reports anything else in this process.
    public func update(_ newState: HealthState, error: String? = nil) {
        if state == .databaseCorrupt, newState != .databaseCorrupt { return }
        let changed = newState != state
        HealthStateGauge.record(newState, activity: MetricNames.Label.overall)
        if newState.code != state.code { since = now() }
        state = newState
        let previousError = lastError
        if let error {
            lastError = redactor.redact(error)
        } else if newState == .healthy {
            lastError = nil
        }
        if changed {
            log(newState)
            publish()
        } else if lastError != previousError || isFileStale {
            writeFile(snapshot())
        }
    }

    /// The current snapshot.
    public func snapshot() -> HealthSnapshot {
        HealthSnapshot(health: state, since: since, updatedAt: now(), lastError: lastError, pid: getpid(),
                       writeIntervalSeconds: refreshInterval)
    }

    /// Writes the health file and sends `STATUS=`; failures are logged, never thrown (health must not stop the sync).
    public func publish() {
        let current = snapshot()
        writeFile(current)
        do {
            try notifier?.send(.status(current.summary))
        } catch {
            logger.warning("could not send STATUS to systemd", metadata: ["error": "\(error)"])
        }
    }

    /// Rewrites the health file whenever it is ``refreshInterval`` old, until cancelled, so a
    /// quiet but alive daemon keeps `updatedAt` fresh (`status` calls an older file "down").
    public func runHeartbeat() async throws {
        while !Task.isCancelled {
            if isFileStale, lastWrite != nil { writeFile(snapshot()) }
            try await Task.sleep(for: .seconds(max(1, refreshInterval / 4)))
        }
    }

    private var isFileStale: Bool {
        guard let lastWrite else { return true }
        return now().timeIntervalSince(lastWrite) >= refreshInterval
    }

    private func writeFile(_ current: HealthSnapshot) {
        guard let file else { return }
        do {
            try file.write(current)
            lastWrite = current.updatedAt
        } catch {
            logger.warning("could not write the health file", metadata: ["error": "\(error)"])
        }
    }

    private func log(_ newState: HealthState) {
        var metadata: Logger.Metadata = ["health": "\(newState.code)"]
        if let lastError { metadata["last_error"] = "\(lastError)" }
        logger.log(level: newState.isHealthy || newState == .starting ? .notice : .warning, "\(newState.sentence)", metadata: metadata)
    }
}
