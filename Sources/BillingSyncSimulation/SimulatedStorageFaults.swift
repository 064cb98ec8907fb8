import BillingSyncSQLite
import PartnerCenterModels
import Synchronization

/// Storage faults of one world, injected below the daemons' stores (never the operators'): a
/// write lock held by another process past `busy_timeout` at `BEGIN IMMEDIATE`, a full disk or
/// an I/O error at `COMMIT` (rolled back: nothing of the transaction is written). Drawn from the
/// world's own stream in executor order, so a seed decides them like everything else.
final class SimulatedStorageFaults: Sendable {
    private struct State {
        var rng: SeededGenerator
        var active = true
        var injected = 0
    }

    private let state: Mutex<State>
    /// Probability that one write transaction meets a fault.
    let rate: Double

    init(seed: UInt64, rate: Double) {
        state = Mutex(State(rng: SeededGenerator(seed: seed ^ 0x5354_4F52_4147_4546)))
        self.rate = rate
    }

    /// Faults strike only while the workload runs (not while the world settles).
    var isActive: Bool {
        get { state.withLock { $0.active } }
        set { state.withLock { $0.active = newValue } }
    }

    /// How many faults were injected.
    var injected: Int { state.withLock { $0.injected } }

    /// The injector a daemon's store is opened with.
    var injector: StorageFaultInjector {
        StorageFaultInjector { [self] point in
            guard rate > 0 else { return nil }
            return state.withLock { state -> ResultCode? in
                guard state.active, state.rng.roll(rate) else { return nil }
                state.injected += 1
                switch point {
                case .begin: return .busy
                case .commit: return state.rng.roll(0.5) ? .full : .ioerr
                }
            }
        }
    }
}
