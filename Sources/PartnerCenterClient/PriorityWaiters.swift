/// The callers waiting for something scarce (a token of the rate, a permit), served interactive
/// first but with a floor for the background: while background callers wait, at least one grant
/// in `RequestPriority.backgroundTurn` goes to them (`RequestPriority.minimumBackgroundShare`), so a
/// flood of pushes cannot starve the reconcile. Within a priority, first come first served.
///
/// So an interactive caller has ahead of it only the interactive callers that came before it and,
/// at most, one background grant that was owed.
struct PriorityWaiters {
    private var interactive = WaiterQueue()
    private var background = WaiterQueue()
    private var priorities: [Int: RequestPriority] = [:]
    /// Grants in a row that went to interactive callers while background callers waited.
    private var interactiveRun = 0
    private var nextTicket = 0

    /// Callers waiting, of both priorities.
    var count: Int { interactive.count + background.count }
    /// Whether nobody waits.
    var isEmpty: Bool { interactive.isEmpty && background.isEmpty }
    /// Callers waiting with `priority`.
    func count(_ priority: RequestPriority) -> Int {
        priority == .interactive ? interactive.count : background.count
    }

    /// A ticket for the next caller (to `append` it and, if it is cancelled, to `remove` it).
    mutating func ticket() -> Int {
        defer { nextTicket += 1 }
        return nextTicket
    }

    /// Adds a caller at the back of its priority's queue.
    mutating func append(_ ticket: Int, priority: RequestPriority, _ continuation: CheckedContinuation<Void, any Error>) {
        priorities[ticket] = priority
        if priority == .interactive {
            interactive.append(ticket, continuation)
        } else {
            background.append(ticket, continuation)
        }
    }

    /// Takes the caller the next grant goes to: the first interactive one, unless background
    /// callers wait and the last `backgroundTurn − 1` grants all went to interactive ones.
    mutating func popNext() -> CheckedContinuation<Void, any Error>? {
        if background.isEmpty { interactiveRun = 0 }
        if !interactive.isEmpty, background.isEmpty || interactiveRun < RequestPriority.backgroundTurn - 1 {
            if !background.isEmpty { interactiveRun += 1 }
            return take(interactive.popFirst())
        }
        interactiveRun = 0
        return take(background.popFirst())
    }

    /// Takes the caller with `ticket` out (a cancelled one); nil when it was already served.
    mutating func remove(_ ticket: Int) -> CheckedContinuation<Void, any Error>? {
        guard let priority = priorities.removeValue(forKey: ticket) else { return nil }
        return priority == .interactive ? interactive.remove(ticket) : background.remove(ticket)
    }

    private mutating func take(_ waiter: (ticket: Int, continuation: CheckedContinuation<Void, any Error>)?)
        -> CheckedContinuation<Void, any Error>? {
        guard let waiter else { return nil }
        priorities[waiter.ticket] = nil
        return waiter.continuation
    }
}
