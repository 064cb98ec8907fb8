import Foundation
import Synchronization

/// Virtual time for a simulated world: `sleep` parks the task until the driver moves time to
/// its deadline (`fireNext`), so a backoff of minutes costs nothing and timers fire in a fixed
/// order (deadline, then the order they were set).
public final class SimulatedClock: Clock, @unchecked Sendable {
    /// A point of virtual time: the offset from the world's start.
    public struct Instant: InstantProtocol, Hashable, Sendable {
        public var offset: Duration
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Timer {
        let id: Int
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID = 0
        var timers: [Timer] = []
        var cancelledBeforeSleeping: Set<Int> = []
    }

    private let state = Mutex(State())
    /// The wall-clock date of offset zero.
    public let epoch: Date

    /// A clock starting at `epoch`.
    public init(epoch: Date) {
        self.epoch = epoch
    }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// The wall-clock date now.
    public var date: Date { epoch.addingTimeInterval(now.offset.seconds) }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state -> Int in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow: (any Error)?? = state.withLock { state in
                    if state.cancelledBeforeSleeping.remove(id) != nil { return .some(CancellationError()) }
                    if deadline <= state.now { return .some(nil) }
                    state.timers.append(Timer(id: id, deadline: deadline, continuation: continuation))
                    return .none
                }
                switch resumeNow {
                case .some(.some(let error)): continuation.resume(throwing: error)
                case .some(.none): continuation.resume()
                case .none: break
                }
            }
        } onCancel: {
            let timer: Timer? = state.withLock { state in
                guard let index = state.timers.firstIndex(where: { $0.id == id }) else {
                    state.cancelledBeforeSleeping.insert(id)
                    return nil
                }
                return state.timers.remove(at: index)
            }
            timer?.continuation.resume(throwing: CancellationError())
        }
    }

    /// The deadline of the earliest timer, if any.
    public var nextDeadline: Instant? {
        state.withLock { $0.timers.map(\.deadline).min() }
    }

    /// Timers waiting now.
    public var pendingTimers: Int { state.withLock { $0.timers.count } }

    /// Moves time to the earliest deadline (never backwards) and resumes every timer due then,
    /// in the order they were set. Returns how many fired.
    @discardableResult
    public func fireNext() -> Int {
        let due: [Timer] = state.withLock { state in
            guard let deadline = state.timers.map(\.deadline).min() else { return [] }
            if deadline > state.now { state.now = deadline }
            let now = state.now
            let fired = state.timers.filter { $0.deadline <= now }.sorted { $0.id < $1.id }
            state.timers.removeAll { $0.deadline <= now }
            return fired
        }
        for timer in due { timer.continuation.resume() }
        return due.count
    }

    /// Moves time forward by `duration` without firing anything (time spent on the network).
    public func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }
}
