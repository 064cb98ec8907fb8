/// A pool of permits bounding how many requests run at once (the configured `maxConcurrency`).
/// Waiters are served interactive first (`RequestPriority`: a push does not queue behind reconcile
/// fetches for a free permit), first-come first-served within a priority, with the background's
/// minimum share kept (`PriorityWaiters`). A cancelled waiter leaves the queue.
public actor PermitPool: PriorityWaiting {
    private var available: Int
    var waiters = PriorityWaiters()
    /// Where the task that removes a cancelled waiter runs (nil: the default executor).
    nonisolated let waiterExecutor: (any TaskExecutor)?

    /// Creates a pool with `permits` permits (at least one); a cancelled waiter is removed by a
    /// task on `executor`.
    public init(permits: Int, executor: (any TaskExecutor)? = nil) {
        available = max(1, permits)
        waiterExecutor = executor
    }

    /// Runs `body` holding one permit, waiting for it with `priority` (the task's by default).
    public func withPermit<T: Sendable>(priority: RequestPriority = RequestPriority.current,
                                        _ body: @Sendable () async throws(PartnerCenterError) -> T) async throws(PartnerCenterError) -> T {
        try await acquire(priority: priority)
        defer { release() }
        return try await body()
    }

    private func acquire(priority: RequestPriority) async throws(PartnerCenterError) {
        if Task.isCancelled { throw .cancelled() }
        if available > 0 {
            available -= 1
            return
        }
        try await waitForGrant(priority: priority)
    }

    private func release() {
        if let next = waiters.popNext() {
            next.resume()
        } else {
            available += 1
        }
    }

    /// Callers waiting for a permit with `priority`, for tests.
    public func waitingForTests(_ priority: RequestPriority) -> Int { waiters.count(priority) }
}
