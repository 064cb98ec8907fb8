import Synchronization

/// A value created by the first caller and returned to every later one — for process-wide
/// bootstraps (swift-log, swift-metrics) that crash when done twice.
final class BootstrapOnce<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// Creates an empty cell.
    init() {}

    /// Runs `make` on the first call only (under the lock, so concurrent callers wait) and returns its result.
    func get(_ make: () -> Value) -> Value {
        value.withLock { current in
            if let current { return current }
            let created = make()
            current = created
            return created
        }
    }
}
