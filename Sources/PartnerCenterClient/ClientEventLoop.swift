import Foundation
import NIOCore
import NIOPosix

/// Where a process that is a client of Partner Center runs: on one NIO event loop (the
/// singleton group, cut to one loop), which does the HTTP I/O (`TransportSettings.makeHTTPClient()`
/// uses that group) and, installed as Swift concurrency's global executor, every Swift job.
/// SQLite's blocking calls run on the store's own queue, never on the loop.
///
/// Why one: NIO hands a job enqueued from a thread that is not one of its loops (the store's
/// queue finishing a transaction, a timer firing) to the next loop round-robin. With a loop per
/// core, a sync's tasks then wandered between the loops and paid a cross-thread hand-off per
/// request (an eventfd wake-up, the connection pool's lock, a connection owned by the other
/// loop) that a process confined to one loop does not pay: a 10k first load cost ~14 % less
/// CPU on one loop, an unchanged re-sync ~17 % less, at the same wall time (BENCHMARKS.md).
/// A client paced at 500 requests a minute needs a fraction of one core.
public enum ClientEventLoop {
    /// `BILLING_SYNC_GLOBAL_EXECUTOR=swift` keeps Swift's own thread pool for Swift's jobs.
    public static let executorVariable = "BILLING_SYNC_GLOBAL_EXECUTOR"
    /// NIO's own variable for the singleton group's size: when set, it wins over the one loop.
    public static let loopCountVariable = "NIO_SINGLETON_GROUP_LOOP_COUNT"

    /// Cuts NIO's singleton group to one loop (unless `NIO_SINGLETON_GROUP_LOOP_COUNT` says
    /// otherwise) and installs it as Swift's global executor (unless
    /// `BILLING_SYNC_GLOBAL_EXECUTOR=swift`). Call it first in `main`, before anything uses the
    /// singleton group or runs a task; at most once a process.
    public static func install(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if environment[loopCountVariable] == nil {
            NIOSingletons.groupLoopCountSuggestion = 1
        }
        if environment[executorVariable] != "swift" {
            NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
    }
}
