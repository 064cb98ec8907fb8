/// A pool of permits bounding how many requests run at once (the configured `maxConcurrency`).
/// Waiters are served interactive first (`RequestPriority`; a reconcile fetch holding every permit
/// while it waits for the rate must not keep a push out), first-come first-served within a
/// priority, with the background's minimum share kept (`PriorityWaiters`). A cancelled waiter
/// leaves the queue.
public actor PermitPool {
    private var available: Int
    private var waiters = PriorityWaiters()

    /// Creates a pool with `permits` permits (at least one).
    public init(permits: Int) {
        available = max(1, permits)
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
        let ticket = waiters.ticket()
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiters.append(ticket, priority: priority, continuation)
                }
            } onCancel: {
                Task { await self.cancelWaiter(ticket) }
            }
        } catch {
            throw .cancelled()
        }
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

    private func cancelWaiter(_ ticket: Int) {
        waiters.remove(ticket)?.resume(throwing: CancellationError())
    }
}
