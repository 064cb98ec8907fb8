import BillingSyncEngine
import Synchronization

/// What the simulated daemons report about their loops, for the oracle's liveness check: after
/// the faults end, the audit feed must poll successfully again (a feed stalled on an answer it
/// can never get, such as the 400 for a position older than the service keeps, fails it).
final class SimulationLiveness: SyncObserver {
    private let feedSuccesses = Atomic<Int>(0)

    /// Audit-feed passes that succeeded, by any daemon of the world so far.
    var successfulFeedPolls: Int { feedSuccesses.load(ordering: .relaxed) }

    func progress() {}
    func status(_ text: String) {}
    func record(_ event: SyncEvent) {}

    func problem(_ error: (any Error)?, in activity: SyncActivity) {
        if activity == .auditFeed, error == nil { feedSuccesses.add(1, ordering: .relaxed) }
    }
}
