/// An actor that parks callers in a `PriorityWaiters` queue until it grants them something (a
/// token of the rate, a permit) by resuming them.
protocol PriorityWaiting: Actor {
    /// The parked callers.
    var waiters: PriorityWaiters { get set }
    /// Where the task that takes a cancelled caller out of the queue runs (nil: the default executor).
    nonisolated var waiterExecutor: (any TaskExecutor)? { get }
}

extension PriorityWaiting {
    /// Parks the caller with `priority` until a grant resumes it; `queued` runs once it is in the
    /// queue (still on the actor). Throws `.cancelled` when the task is cancelled while it waits:
    /// it then leaves the queue without having been granted anything.
    func waitForGrant(priority: RequestPriority, queued: () -> Void = {}) async throws(PartnerCenterError) {
        let ticket = waiters.ticket()
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    waiters.append(ticket, priority: priority, continuation)
                    queued()
                }
            } onCancel: {
                Task(executorPreference: waiterExecutor) { await self.cancelWaiter(ticket) }
            }
        } catch {
            throw .cancelled()
        }
    }

    /// Takes a cancelled caller out of the queue (nothing when it was granted meanwhile).
    func cancelWaiter(_ ticket: Int) {
        waiters.remove(ticket)?.resume(throwing: CancellationError())
    }
}
