import Synchronization

/// Calls in flight between the processes' real clients (their `SimulatedWire`s) and the simulated
/// Partner Center. Every call waits here twice — its request on the way in, its response on the way
/// out — until the driver lets it go; so the driver decides the order in which requests reach the
/// service and answers reach the clients, and can crash a process while either is in flight.
public final class SimulatedNetwork: @unchecked Sendable {
    /// Where a call is waiting.
    public enum Phase: String, Sendable {
        case request, response
    }

    /// What the driver decided for a waiting call.
    public enum Delivery: Sendable {
        /// Go on; for a request, with the fault drawn for it (nil: none).
        case deliver(SimulatedFault?)
        /// The waiting task was cancelled, or its process died.
        case abandoned
        /// The client gave up waiting (its request timeout passed).
        case timedOut
    }

    /// A call the driver may deliver.
    public struct Waiting: Sendable {
        public let id: Int
        public let process: Int
        public let label: String
        public let phase: Phase
        /// When the call began waiting in this phase.
        public let since: SimulatedClock.Instant
    }

    private struct Entry {
        let waiting: Waiting
        let continuation: CheckedContinuation<Delivery, Never>
    }

    private struct State {
        var nextID = 0
        var entries: [Entry] = []
        var abandonedEarly: Set<Int> = []
    }

    private let state = Mutex(State())
    private let clock: SimulatedClock

    public init(clock: SimulatedClock) {
        self.clock = clock
    }

    /// Parks the calling task until the driver delivers (or abandons) it.
    func wait(process: Int, label: String, phase: Phase) async -> Delivery {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Delivery, Never>) in
                let abandoned = state.withLock { state -> Bool in
                    if state.abandonedEarly.remove(id) != nil { return true }
                    state.entries.append(Entry(waiting: Waiting(id: id, process: process, label: label, phase: phase,
                                                                 since: clock.now),
                                               continuation: continuation))
                    return false
                }
                if abandoned { continuation.resume(returning: .abandoned) }
            }
        } onCancel: {
            resume(id, with: .abandoned, orRemember: true)
        }
    }

    /// The calls waiting now, oldest first.
    public var waiting: [Waiting] { state.withLock { $0.entries.map(\.waiting) } }

    /// Lets call `id` go on.
    public func resume(_ id: Int, with delivery: Delivery) {
        resume(id, with: delivery, orRemember: false)
    }

    private func resume(_ id: Int, with delivery: Delivery, orRemember: Bool) {
        let entry: Entry? = state.withLock { state in
            guard let index = state.entries.firstIndex(where: { $0.waiting.id == id }) else {
                if orRemember { state.abandonedEarly.insert(id) }
                return nil
            }
            return state.entries.remove(at: index)
        }
        entry?.continuation.resume(returning: delivery)
    }

    /// Abandons every call of `process` (it crashed: nothing it sent is answered).
    public func abandonAll(of process: Int) {
        let entries: [Entry] = state.withLock { state in
            let mine = state.entries.filter { $0.waiting.process == process }
            state.entries.removeAll { $0.waiting.process == process }
            return mine
        }
        for entry in entries { entry.continuation.resume(returning: .abandoned) }
    }
}
