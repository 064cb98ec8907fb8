import BillingSyncConfig
import BillingSyncEngine
import BillingSyncFiles
import BillingSyncStore
import Foundation
import Logging
import PartnerCenterClient
import ServiceLifecycle
import UnixSignals

/// `billing-sync run`: the long-running daemon as a swift-service-lifecycle `Service`.
///
/// Start-up: open and migrate the database, then `READY=1`; `PRAGMA quick_check` (a damaged
/// file: see ``DatabaseGuard``) and a first access token follow, so a large file or slow or broken
/// credentials never run into systemd's start timeout (a kill/restart loop): the daemon waits, retrying with backoff, shows `credentials_expired` (or
/// `unreachable`) in its health file and `STATUS=`, and keeps the watchdog fed. SIGHUP re-reads
/// the configuration (`RELOADING=1` … `READY=1`); an invalid one is refused and the old one kept.
/// Graceful shutdown (SIGTERM/SIGINT through the `ServiceGroup`) sends `STOPPING=1` and cancels
/// the loops; a write transaction in flight completes or rolls back, nothing is left half-written.
public final class DaemonService: Service {
    let configPath: String
    let initial: LoadedConfiguration
    let loader: ConfigurationLoader
    let environment: [String: String]
    let logger: Logger

    public init(configPath: String, initial: LoadedConfiguration, loader: ConfigurationLoader = ConfigurationLoader(),
                environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        self.configPath = configPath
        self.initial = initial
        self.loader = loader
        self.environment = environment
        self.logger = logger
    }

    enum Event: Sendable {
        case reload
        case loopsEnded((any Error)?)
        /// The ``DatabaseGuard`` tripped: stop the loops for good.
        case databaseCorrupt
    }

    public func run() async throws {
        let notifier = try SystemdNotifier(environment: environment)
        let health = HealthMonitor(file: HealthFile(databasePath: initial.configuration.database.path),
                                   notifier: notifier, logger: logger)
        let watchdog = ProgressWatchdog(notifier: notifier, settings: WatchdogSettings.fromEnvironment(environment), logger: logger)
        let databaseGuard = DatabaseGuard(databasePath: initial.configuration.database.path, health: health, logger: logger)
        let observer = DaemonObserver(watchdog: watchdog, health: health, notifier: notifier, logger: logger,
                                      databaseGuard: databaseGuard)
        for warning in initial.warnings { logger.warning("configuration: \(warning.formatted(sourcePath: initial.sourcePath))") }

        try? notifier?.send(.status("opening the database"))
        // A file SQLite cannot even open as a database (SQLITE_NOTADB, a damaged first page) is
        // reported like any other damage: the daemon stays up in database_corrupt, writing nothing.
        let components: DaemonComponents?
        do {
            components = try DaemonComponents.make(loaded: initial, observer: observer, logger: logger)
        } catch where databaseGuard.inspect(error) {
            components = nil
        }
        if let components { databaseGuard.attach(components.store) }
        // Graceful shutdown covers start-up too: a daemon still waiting for its first token
        // (credentials being fixed by an operator) stops on SIGTERM like a running one.
        let outcome: Result<Void, any Error>
        do {
            try await withGracefulShutdownHandler {
                try await cancelWhenGracefulShutdown {
                    guard let components else {
                        return try await self.serveDamaged(health: health, observer: observer, watchdog: watchdog, notifier: notifier)
                    }
                    try await self.start(components, notifier: notifier)
                    try await self.serve(components, health: health, observer: observer, watchdog: watchdog, notifier: notifier,
                                         databaseGuard: databaseGuard)
                }
            } onGracefulShutdown: {
                try? notifier?.send([.stopping, .status("stopping")])
            }
            outcome = .success(())
        } catch is CancellationError {
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await components?.shutdownHTTP()
        logger.notice("billing-sync stopped")
        try outcome.get()
    }

    /// Tells systemd `READY=1` once the database is open and migrated. Nothing is written before
    /// the start-up integrity check (``becomeHealthy(_:health:observer:notifier:databaseGuard:)``).
    func start(_ components: DaemonComponents, notifier: SystemdNotifier?) async throws {
        try? notifier?.send([.ready, .status("checking the database")])
        let tokenFile = RefreshTokenFile(databasePath: initial.configuration.database.path)
        if let rotated = tokenFile.lastRefreshed(), let warning = RefreshTokenFile.expiryWarning(lastRefreshed: rotated) {
            logger.warning("\(warning)")
        }
    }

    /// Checks the database (`PRAGMA quick_check`), marks runs a dead process left `running` as
    /// interrupted (the first write), obtains the first token, then reports healthy and running.
    /// Returns early, having written nothing, when the check finds the file damaged.
    func becomeHealthy(_ components: DaemonComponents, health: HealthMonitor, observer: DaemonObserver,
                       notifier: SystemdNotifier?, databaseGuard: DatabaseGuard) async throws {
        guard await databaseGuard.check() else { return }
        _ = try await components.store.write { try $0.markInterruptedRuns() }
        try? notifier?.send(.status("obtaining an access token"))
        try await obtainFirstToken(components.client, observer: observer)
        await health.update(.healthy)
        try? notifier?.send(.status("running"))
        logger.notice("billing-sync is running", metadata: ["database": "\(initial.configuration.database.path)"])
    }

    /// What a daemon with a damaged database does until it is stopped: no loop runs and nothing
    /// is written; the state stays `database_corrupt` (health file, `STATUS=`, metrics) and the
    /// watchdog is fed, since the process does what it should and a restart would not help.
    func park(_ observer: DaemonObserver, notifier: SystemdNotifier?) async throws {
        try? notifier?.send(.status(HealthState.databaseCorrupt.sentence))
        while true {
            observer.progress()
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Serves a database that could not even be opened: `READY=1`, then the health file, the
    /// watchdog and the metrics endpoint until stopped.
    func serveDamaged(health: HealthMonitor, observer: DaemonObserver, watchdog: ProgressWatchdog?,
                      notifier: SystemdNotifier?) async throws {
        try? notifier?.send(.ready)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let watchdog { group.addTask { try await watchdog.run() } }
            if let endpoint = try metricsEndpoint(initial) { group.addTask { try await endpoint.run() } }
            group.addTask { try await health.runHeartbeat() }
            group.addTask { try await self.park(observer, notifier: notifier) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Obtains the first token, then reports healthy and running.
    func becomeHealthy(_ components: DaemonComponents, health: HealthMonitor, observer: DaemonObserver,
                       notifier: SystemdNotifier?) async throws {
        try await obtainFirstToken(components.client, observer: observer)
        await health.update(.healthy)
        try? notifier?.send(.status("running"))
        logger.notice("billing-sync is running", metadata: ["database": "\(initial.configuration.database.path)"])
    }

    /// Until a first token is obtained the loops do not start; credential problems are shown in
    /// the health state and retried with backoff (an operator may be fixing the secret). The
    /// waiting counts as progress for the watchdog (a heartbeat every second, also while one
    /// token request with its retries and timeouts is under way): the daemon is alive and doing
    /// what it should, and `READY=1` has been sent already.
    func obtainFirstToken(_ client: PartnerCenterClient, observer: DaemonObserver) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                while true {
                    observer.progress()
                    try await Task.sleep(for: .seconds(1))
                }
            }
            do {
                try await retryFirstToken(client, observer: observer)
                group.cancelAll()
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    private func retryFirstToken(_ client: PartnerCenterClient, observer: DaemonObserver) async throws {
        var attempt = 0
        while true {
            do {
                try await client.fetchAccessToken()
                observer.problem(nil, in: .startup)
                return
            } catch {
                if Task.isCancelled { throw CancellationError() }
                observer.problem(error, in: .startup)
                logger.error("could not obtain an access token", metadata: ["error": "\(error)"])
                attempt += 1
                try await Task.sleep(for: Backoff(initial: .seconds(2), maximum: .seconds(300)).ceiling(attempt: attempt))
            }
        }
    }
}
