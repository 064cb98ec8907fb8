import BillingSyncConfig
import BillingSyncEngine
import Logging
import UnixSignals

extension DaemonService {
    /// Runs the watchdog, the metrics endpoint and, once a first token is obtained, the engine's
    /// loops; rebuilds the engine on SIGHUP.
    func serve(_ first: DaemonComponents, health: HealthMonitor, observer: DaemonObserver, watchdog: ProgressWatchdog?,
               notifier: SystemdNotifier?, databaseGuard: DatabaseGuard) async throws {
        let (events, continuation) = AsyncStream.makeStream(of: Event.self)
        databaseGuard.whenTripped { continuation.yield(.databaseCorrupt) }
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let watchdog { group.addTask { try await watchdog.run() } }
            if let endpoint = try metricsEndpoint(first.loaded) {
                group.addTask { try await endpoint.run() }
                let sampler = MetricsSampler(databasePath: first.loaded.configuration.database.path,
                                             interval: first.loaded.configuration.metrics.sampleInterval, logger: logger)
                group.addTask { try await sampler.run() }
            }
            group.addTask { try await health.runHeartbeat() }
            group.addTask {
                for await _ in hangups { continuation.yield(.reload) }
            }
            group.addTask {
                do {
                    try await self.becomeHealthy(first, health: health, observer: observer, notifier: notifier,
                                                 databaseGuard: databaseGuard)
                    if databaseGuard.tripped == nil {
                        try await self.runGenerations(first, events: events, continuation: continuation,
                                                      observer: observer, notifier: notifier, databaseGuard: databaseGuard)
                    }
                } catch where databaseGuard.tripped != nil || databaseGuard.inspect(error) {
                    // A damaged database ends the generations; the daemon stays up below.
                }
                guard databaseGuard.tripped != nil else { return }
                try await self.park(observer, notifier: notifier)
            }
            // The generations task ends only by cancellation, a fatal loop error, or parks for good
            // once the database is found damaged.
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// One "generation" of components per valid configuration.
    func runGenerations(_ first: DaemonComponents, events: AsyncStream<Event>,
                        continuation: AsyncStream<Event>.Continuation, observer: DaemonObserver,
                        notifier: SystemdNotifier?, databaseGuard: DatabaseGuard) async throws {
        var current = first
        func start(_ components: DaemonComponents) -> Task<Void, Never> {
            Task {
                do {
                    try await components.runLoops(periodicCheck: { await databaseGuard.check() })
                    continuation.yield(.loopsEnded(nil))
                } catch {
                    continuation.yield(.loopsEnded(error))
                }
            }
        }
        var loops = start(current)
        let outcome: Result<Void, any Error>
        do {
            try await consume(events, loops: &loops, current: &current, start: start, continuation: continuation,
                              observer: observer, notifier: notifier, databaseGuard: databaseGuard)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        loops.cancel()
        _ = await loops.value
        await current.shutdownHTTP()
        try outcome.get()
    }

    /// Handles reload requests and loop failures until the event stream ends (cancellation) or
    /// the database is found damaged (then the caller stops the loops and they stay stopped).
    func consume(_ events: AsyncStream<Event>, loops: inout Task<Void, Never>, current: inout DaemonComponents,
                 start: (DaemonComponents) -> Task<Void, Never>, continuation: AsyncStream<Event>.Continuation,
                 observer: DaemonObserver, notifier: SystemdNotifier?, databaseGuard: DatabaseGuard) async throws {
        try await withTaskCancellationHandler {
            for await event in events {
                switch event {
                case .databaseCorrupt:
                    return
                case .loopsEnded(let error):
                    if Task.isCancelled { return }
                    // A loop that met the damage (or the fence that follows it) ends here, never
                    // the process: an exit would let systemd restart it into writing again.
                    if let error, databaseGuard.inspect(error) || databaseGuard.tripped != nil { return }
                    if let error, !(error is CancellationError) {
                        logger.critical("sync loops stopped", metadata: ["error": "\(error)"])
                        throw error
                    }
                case .reload:
                    guard let next = reload(current, observer: observer, notifier: notifier) else { continue }
                    loops.cancel()
                    _ = await loops.value
                    await current.shutdownHTTP()
                    current = next
                    loops = start(current)
                    try? notifier?.send([.ready, .status("running (configuration reloaded)")])
                }
            }
        } onCancel: {
            continuation.finish()
        }
    }

    /// Re-reads and validates the configuration; nil (old one kept) when it is invalid.
    func reload(_ current: DaemonComponents, observer: DaemonObserver, notifier: SystemdNotifier?) -> DaemonComponents? {
        try? notifier?.send([.reloadingNow(), .status("reloading the configuration")])
        do {
            let loaded = try loader.load(path: configPath)
            if loaded.configuration.database.path != current.loaded.configuration.database.path {
                logger.warning("database.path changed; the new path takes effect after a restart")
            }
            let next = try DaemonComponents.make(loaded: loaded, store: current.store, observer: observer, logger: logger)
            logger.notice("configuration reloaded", metadata: ["config": "\(configPath)"])
            return next
        } catch {
            logger.error("configuration reload refused; keeping the running configuration",
                         metadata: ["config": "\(configPath)", "error": "\(error)"])
            try? notifier?.send([.ready, .status("running (reload refused: invalid configuration)")])
            return nil
        }
    }

    func metricsEndpoint(_ loaded: LoadedConfiguration) throws -> MetricsEndpoint? {
        let metrics = loaded.configuration.metrics
        guard metrics.enabled else { return nil }
        return try MetricsEndpoint(host: metrics.listen.host, port: metrics.listen.port,
                                   registry: MetricsSetup.bootstrap(), allowNonLoopback: metrics.allowNonLoopback,
                                   logger: logger)
    }
}
