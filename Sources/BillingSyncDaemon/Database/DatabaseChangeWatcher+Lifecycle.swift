#if canImport(Glibc)
import Glibc
#endif
import Synchronization

extension DatabaseChangeWatcher {
    /// The reader thread's life, shared with it without a reference to the watcher (so the
    /// watcher's `deinit` can run while the thread still blocks).
    final class Lifecycle: Sendable {
        /// The write end of the stop pipe until `requestStop()` closes it.
        private let stopFD: Mutex<Int32?>
        private let running = Atomic<Bool>(true)

        init(stopFD: Int32?) {
            self.stopFD = Mutex(stopFD)
        }

        var isRunning: Bool { running.load(ordering: .acquiring) }

        /// Closes the pipe's write end: the thread's `poll()` sees the hang-up and returns.
        func requestStop() {
            guard let fd = stopFD.withLock({ value -> Int32? in
                defer { value = nil }
                return value
            }) else { return }
            #if canImport(Glibc)
            close(fd)
            #endif
        }

        /// Called by the thread as its last step.
        func ended() {
            running.store(false, ordering: .releasing)
        }
    }
}
