import Dispatch

/// Where a `StoreWriter` runs its blocking SQLite calls.
public enum StoreWorkPlacement: Sendable {
    /// On a serial dispatch queue of its own (the default): a commit's `fsync` or a
    /// `busy_timeout` wait for another process's write lock never blocks the threads that run
    /// Swift tasks — with the NIO event loops as Swift's executor, those threads do the HTTP I/O.
    case dedicatedQueue
    /// Inside the actor's own job, on whatever executor runs it. The deterministic simulation
    /// uses this, so every store call stays one job of its manual executor.
    case inline
}
