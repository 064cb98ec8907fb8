import Foundation
import Synchronization

/// A wall clock the test moves by hand.
final class TestClock: Sendable {
    private let seconds: Mutex<TimeInterval>

    init(start: TimeInterval) { seconds = Mutex(start) }

    func now() -> Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }

    func advance(_ delta: TimeInterval) { seconds.withLock { $0 += delta } }
}
