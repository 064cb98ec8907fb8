import Synchronization

/// Holds token requests until opened, counting those that arrived: lets a test keep a refresh
/// in flight for as long as it needs.
final class TokenGate: Sendable {
    private struct Gate {
        var isOpen = false
        var arrived = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let gate = Mutex(Gate())

    /// How many requests reached the gate.
    var arrived: Int { gate.withLock { $0.arrived } }

    /// Waits until ``open()``.
    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = gate.withLock { gate in
                gate.arrived += 1
                if !gate.isOpen { gate.waiting.append(continuation) }
                return gate.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Lets every waiting (and later) request through.
    func open() {
        let waiting = gate.withLock { gate in
            gate.isOpen = true
            defer { gate.waiting = [] }
            return gate.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
