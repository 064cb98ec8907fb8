import Synchronization

/// Lets code in the daemon's own process (the demo, `resolve --reapply`) wake the outbox loop at
/// once; edits queued by other processes are noticed through `PRAGMA data_version` instead
/// (checked on each `OutboxChangeSignal` hint and at least every `outboxPollInterval`).
public final class OutboxWakeup: Sendable {
    private let pending = Mutex(false)

    public init() {}

    /// Asks the outbox loop to look at the outbox now.
    public func wake() {
        pending.withLock { $0 = true }
    }

    /// True once after each `wake()`.
    func consume() -> Bool {
        pending.withLock { value in
            defer { value = false }
            return value
        }
    }
}
