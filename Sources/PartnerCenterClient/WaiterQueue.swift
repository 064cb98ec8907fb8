/// Suspended callers in arrival order, by ticket: O(1) to add, to take the first and to remove a
/// cancelled one however many wait (an array's `removeFirst` was O(n)). Used inside an actor.
struct WaiterQueue {
    private var waiters: [Int: CheckedContinuation<Void, any Error>] = [:]
    private var order: [Int] = []
    private var head = 0

    /// Callers waiting.
    var count: Int { waiters.count }
    /// Whether nobody waits.
    var isEmpty: Bool { waiters.isEmpty }

    /// Adds a caller at the back.
    mutating func append(_ ticket: Int, _ continuation: CheckedContinuation<Void, any Error>) {
        waiters[ticket] = continuation
        order.append(ticket)
    }

    /// Takes the caller waiting longest, with its ticket (nil when none waits).
    mutating func popFirst() -> (ticket: Int, continuation: CheckedContinuation<Void, any Error>)? {
        defer { compact() }
        while head < order.count {
            let ticket = order[head]
            head += 1
            if let continuation = waiters.removeValue(forKey: ticket) { return (ticket, continuation) }
        }
        return nil
    }

    /// Takes the caller with `ticket` out of the queue (a cancelled one); nil when it is not there.
    mutating func remove(_ ticket: Int) -> CheckedContinuation<Void, any Error>? {
        waiters.removeValue(forKey: ticket)
    }

    /// Drops the served part of the order once it dominates, keeping memory bounded.
    private mutating func compact() {
        if waiters.isEmpty {
            order.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
