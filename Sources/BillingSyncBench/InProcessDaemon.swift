import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import BillingSyncTesting
import Logging

/// The daemon's loops (reconcile, audit feed, outbox) running in the bench process against an
/// emulated environment, as `billing-sync run` would run them.
struct InProcessDaemon: Sendable {
    let components: DaemonComponents
    private let loops: Task<Void, any Error>

    /// Starts the loops with `environment`'s configuration changed by `adjust`, and waits until
    /// a full reconcile has succeeded (the initial load, or an earlier one in the same file).
    static func start(_ environment: EmulatedEnvironment, timeout: Duration,
                      adjust: (inout BillingSyncConfiguration) -> Void) async throws -> InProcessDaemon {
        let loaded = environment.loaded.adjusted(adjust)
        var logger = Logger(label: "billing-sync.bench")
        logger.logLevel = .error  // conflicts and retries are what the scenarios provoke; they are counted, not logged
        let components = try DaemonComponents.make(loaded: loaded, observer: NoSyncObserver(), logger: logger)
        let loops = Task { try await components.runLoops() }
        let daemon = InProcessDaemon(components: components, loops: loops)
        let deadline = ContinuousClock.now + timeout
        while try await components.store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) }) == nil {
            guard ContinuousClock.now < deadline else {
                await daemon.stop()
                throw BenchError(.timeout, "the initial load did not finish within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return daemon
    }

    /// Cancels the loops, waits for them, and releases the HTTP client and the database.
    func stop() async {
        loops.cancel()
        _ = await loops.result
        await components.shutdownHTTP()
        await components.store.close()
    }
}

extension LoadedConfiguration {
    /// The same configuration and secrets with settings changed by `adjust`.
    func adjusted(_ adjust: (inout BillingSyncConfiguration) -> Void) -> LoadedConfiguration {
        var configuration = self.configuration
        adjust(&configuration)
        return LoadedConfiguration(configuration: configuration, clientSecret: clientSecret, refreshToken: refreshToken,
                                   warnings: warnings, sourcePath: sourcePath)
    }
}
