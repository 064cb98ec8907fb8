import Logging
import ServiceLifecycle
import Synchronization

/// Pings the systemd watchdog only while the sync loop really makes progress.
///
/// The engine calls ``recordProgress()`` after real work (a page fetched, a batch written, an
/// idle iteration that actually checked the database). Every ``interval`` (half of
/// `WATCHDOG_USEC`) the service sends `WATCHDOG=1` only if progress was recorded since the
/// previous tick, so a hung sync loop makes systemd restart the daemon even though this task is alive.
public final class ProgressWatchdog: Service, Sendable {
    /// Time between checks (and at most one ping per check).
    public let interval: Duration
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let progressed = Atomic<Bool>(false)

    /// Creates a watchdog that checks every `interval`.
    public init(notifier: SystemdNotifier, interval: Duration, logger: Logger = Logger(label: "billing-sync.watchdog")) {
        self.notifier = notifier
        self.interval = interval
        self.logger = logger
    }

    /// Creates a watchdog from systemd's settings; nil when there is no notify socket or no watchdog.
    public convenience init?(notifier: SystemdNotifier?, settings: WatchdogSettings?, logger: Logger = Logger(label: "billing-sync.watchdog")) {
        guard let notifier, let settings else { return nil }
        self.init(notifier: notifier, interval: settings.pingInterval, logger: logger)
    }

    /// Heartbeat from real work; cheap and callable from any thread or task.
    @Sendable public func recordProgress() {
        progressed.store(true, ordering: .releasing)
    }

    /// Checks for progress every interval until the task is cancelled or graceful shutdown begins.
    public func run() async throws {
        try? await cancelWhenGracefulShutdown { [self] in
            var stalledTicks = 0
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                stalledTicks = tick(stalledTicks: stalledTicks)
            }
        }
    }

    /// One check: ping if progress was recorded, otherwise count (and log once) the stall.
    /// Returns the number of consecutive ticks without progress.
    func tick(stalledTicks: Int) -> Int {
        guard progressed.exchange(false, ordering: .acquiringAndReleasing) else {
            if stalledTicks == 0 {
                logger.warning("no sync progress since the last watchdog check; withholding WATCHDOG=1")
            }
            return stalledTicks + 1
        }
        do {
            try notifier.send(.watchdog)
        } catch {
            logger.error("watchdog ping failed", metadata: ["error": "\(error)"])
        }
        if stalledTicks > 0 {
            logger.notice("sync progress resumed; watchdog pings resumed")
        }
        return 0
    }
}
