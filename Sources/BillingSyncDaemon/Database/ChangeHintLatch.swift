import Synchronization

/// A one-bit mailbox between the inotify thread and the outbox loop: `signal()` from any thread
/// sets it (or hands it straight to a waiting task), `wait()` returns once it is set and clears
/// it. Hints arriving while one is pending collapse into one (what `.bufferingNewest(1)` would
/// give), and a waiter can be abandoned at a timeout without losing later hints, which an
/// `AsyncStream` cannot offer: cancelling a task in its `next()` finishes the stream for good.
final class ChangeHintLatch: Sendable {
    private struct State {
        var pending = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waiters cancelled before their continuation was registered.
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    /// Sets the latch, or resumes the tasks waiting on it.
    func signal() {
        let waiting: [CheckedContinuation<Void, Never>] = state.withLock { state in
            guard !state.waiters.isEmpty else {
                state.pending = true
                return []
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// True (and cleared) when a hint is pending.
    func consume() -> Bool {
        state.withLock { state in
            defer { state.pending = false }
            return state.pending
        }
    }

    /// Returns when the latch is set (clearing it) or the task is cancelled.
    func wait() async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return true }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                state.cancelled.insert(id)
                return nil
            }
            waiter?.resume()
        }
        // A cancellation that raced a `signal()` may have left the id behind.
        state.withLock { _ = $0.cancelled.remove(id) }
    }
}
