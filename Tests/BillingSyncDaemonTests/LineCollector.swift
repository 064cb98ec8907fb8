import Synchronization
@testable import BillingSyncDaemon

/// Collects the lines a log handler writes.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])

    /// An output that appends to this collector.
    var output: LogOutput {
        LogOutput { [self] line in lines.withLock { $0.append(line) } }
    }

    /// Everything written so far.
    var all: [String] { lines.withLock { $0 } }
}
