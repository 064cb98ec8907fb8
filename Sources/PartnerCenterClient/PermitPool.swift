/// A pool of permits bounding how many requests run at once (the configured `maxConcurrency`).
/// Waiters are served first-come first-served; a cancelled waiter leaves the queue.
public actor PermitPool {
    private var available: Int
    /// Waiting continuations by ticket, and the tickets in arrival order from `head` on: O(1) per
    /// acquire and release however many callers wait (an array's `removeFirst` was O(n)).
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var queue: [Int] = []
    private var head = 0
    private var nextID = 0

    /// Creates a pool with `permits` permits (at least one).
    public init(permits: Int) {
        available = max(1, permits)
    }

    /// Runs `body` holding one permit.
    public func withPermit<T: Sendable>(_ body: @Sendable () async throws(PartnerCenterError) -> T) async throws(PartnerCenterError) -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws(PartnerCenterError) {
        if Task.isCancelled { throw .cancelled() }
        if available > 0 {
            available -= 1
            return
        }
        let id = nextID
        nextID += 1
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiters[id] = continuation
                    queue.append(id)
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        } catch {
            throw .cancelled()
        }
    }

    private func release() {
        while head < queue.count {
            let id = queue[head]
            head += 1
            if let continuation = waiters.removeValue(forKey: id) {
                compactQueue()
                continuation.resume()
                return
            }
        }
        compactQueue()
        available += 1
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(throwing: CancellationError())
    }

    /// Drops the served part of the queue once it dominates, keeping memory bounded.
    private func compactQueue() {
        if head > 1024, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
