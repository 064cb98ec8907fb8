/// A pool of permits bounding how many requests run at once (the configured `maxConcurrency`).
/// Waiters are served first-come first-served; a cancelled waiter leaves the queue.
public actor PermitPool {
    private var available: Int
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
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
                    waiters.append((id, continuation))
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        } catch {
            throw .cancelled()
        }
    }

    private func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
