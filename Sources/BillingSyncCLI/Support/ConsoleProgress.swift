import BillingSyncEngine
import Foundation
import Synchronization

/// Shows the engine's progress on standard error (results go to standard output): one rewritten
/// line on a terminal, plain lines otherwise, nothing with `quiet`. Warnings always appear.
final class ConsoleProgress: SyncObserver {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool

    init(quiet: Bool = false) {
        self.quiet = quiet
    }
    private let lastLine = Mutex("")
    private let lastDecile = Mutex(-1)

    func progress() {}

    func status(_ text: String) {
        guard !quiet else { return }
        lastLine.withLock { last in
            guard text != last else { return }
            last = text
            if isTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            } else {
                FileHandle.standardError.write(Data("\(text)\n".utf8))
            }
        }
    }

    /// Ends the rewritten terminal line so later output starts on a fresh one.
    func finish() {
        if isTerminal, !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    func problem(_ error: (any Error)?, in activity: SyncActivity) {
        if let error { FileHandle.standardError.write(Data("warning: \(error)\n".utf8)) }
    }

    func record(_ event: SyncEvent) {
        guard case .profilesFetched(let done, let total) = event, total > 0 else { return }
        if isTerminal {
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            status("profiles [\(bar)] \(done)/\(total)")
        } else {
            // Plain lines, one per tenth of the way.
            let decile = done * 10 / total
            let isNew = lastDecile.withLock { last in
                defer { last = decile }
                return decile != last
            }
            if isNew { status("profiles \(done)/\(total)") }
        }
    }
}
