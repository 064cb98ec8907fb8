/// The `OutboxChangeSignal` with no hints: every wait is a full sleep on the environment's clock,
/// so the outbox loop checks `PRAGMA data_version` once per `outboxPollInterval` (the behaviour
/// before change hints, and the fallback when no watcher is available).
public struct PollingChangeSignal: OutboxChangeSignal {
    /// The clock the waits run on.
    public let environment: SyncEnvironment

    /// A signal that sleeps through `environment`.
    public init(environment: SyncEnvironment) {
        self.environment = environment
    }

    /// Sleeps for `limit`; always `false` (no hint).
    public func waitForChange(upTo limit: Duration) async throws -> Bool {
        try await environment.sleep(for: limit)
        return false
    }
}
