import Synchronization

/// The one thread every task of a simulated world runs on: a task executor whose jobs wait in
/// a FIFO queue until the simulation's driver runs them. Tasks started with this executor as
/// their preference (and the default actors they call, such as the store) run only inside
/// `runJobs`, so the order of every await in the engine follows from the seed alone, and
/// "nothing runnable" (`isIdle`) means every task waits for the network or the clock.
public final class SimulationExecutor: TaskExecutor, @unchecked Sendable {
    private let queue = Mutex<JobQueue>(JobQueue())

    /// Creates an executor with no jobs.
    public init() {}

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        queue.withLock { $0.push(unowned) }
    }

    /// True when no job is waiting.
    public var isIdle: Bool { queue.withLock { $0.isEmpty } }

    /// Runs queued jobs (and the jobs they enqueue) in FIFO order until none is left or `limit`
    /// jobs ran; returns how many ran. Call it from one thread only (the driver's).
    @discardableResult
    public func runJobs(limit: Int = .max) -> Int {
        var count = 0
        while count < limit, let job = queue.withLock({ $0.pop() }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
            count += 1
        }
        return count
    }

    /// Jobs waiting now.
    public var queuedJobs: Int { queue.withLock { $0.count } }
}

/// A FIFO of jobs (two stacks: O(1) amortised per push and pop).
struct JobQueue: ~Copyable {
    private var incoming: [UnownedJob] = []
    private var outgoing: [UnownedJob] = []

    var isEmpty: Bool { incoming.isEmpty && outgoing.isEmpty }
    var count: Int { incoming.count + outgoing.count }

    mutating func push(_ job: UnownedJob) { incoming.append(job) }

    mutating func pop() -> UnownedJob? {
        if outgoing.isEmpty {
            outgoing = incoming.reversed()
            incoming.removeAll(keepingCapacity: true)
        }
        return outgoing.popLast()
    }
}
