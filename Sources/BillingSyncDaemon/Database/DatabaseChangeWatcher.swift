#if canImport(Glibc)
import Glibc
#endif
import BillingSyncEngine
import Foundation
import Logging
import Synchronization

/// Hints that another process may have committed to the SQLite database, from Linux inotify:
/// the outbox loop's `OutboxChangeSignal` in the daemon, so an edit queued by a tool is looked at
/// within milliseconds instead of at the next `push.poll_interval`.
///
/// It watches the database's directory (not the files, so a WAL created later, deleted when the
/// last connection closes, or reset still counts) for `IN_MODIFY`, `IN_CLOSE_WRITE`, `IN_CREATE`
/// and `IN_MOVED_TO` of `<db>-wal` and `<db>`. A dedicated thread blocks in `poll()` on the
/// inotify descriptor and a stop pipe (no spinning, no thread of the cooperative pool held) and
/// sets a one-bit latch; `waitForChange(upTo:)` returns on the latch or the timeout. Every hint
/// is only a reason to compare `PRAGMA data_version`: writes of this process (its own WAL frames,
/// checkpoints) wake the loop for a cheap check and never cause a push pass by themselves.
///
/// `stop()` (also run by `deinit`) ends the thread, which closes its descriptors. Use
/// `start(databasePath:logger:)` to get `nil` and one log line instead of an error when inotify
/// is unavailable (not Linux, `inotify_init1` or `inotify_add_watch` failing).
public final class DatabaseChangeWatcher: OutboxChangeSignal {
    /// The watched directory.
    public let directory: String
    /// The file names in `directory` whose changes are hints: the database and its `-wal`.
    public let fileNames: Set<String>
    private let latch = ChangeHintLatch()
    private let clock: any Clock<Duration>
    private let lifecycle: Lifecycle

    /// Starts watching the directory of the database at `databasePath` (symbolic links resolved,
    /// as SQLite does when it names the WAL). `clock` times the waits. Throws
    /// `DatabaseChangeWatcherError` when inotify is unavailable.
    public init(databasePath: String, clock: any Clock<Duration> = ContinuousClock()) throws {
        let path = Self.resolved(databasePath)
        let url = URL(fileURLWithPath: path)
        directory = url.deletingLastPathComponent().path
        fileNames = [url.lastPathComponent, url.lastPathComponent + "-wal"]
        self.clock = clock
        #if os(Linux)
        let descriptors = try Self.openDescriptors(directory: directory)
        lifecycle = Lifecycle(stopFD: descriptors.stopWrite)
        let (latch, lifecycle, names) = (self.latch, self.lifecycle, fileNames)
        let thread = Thread {
            Self.readEvents(inotify: descriptors.inotify, stop: descriptors.stopRead, names: names, latch: latch)
            lifecycle.ended()
        }
        thread.name = "billing-sync.inotify"
        thread.start()
        #else
        throw DatabaseChangeWatcherError(code: .unsupportedPlatform, path: directory)
        #endif
    }

    deinit { stop() }

    /// A watcher of `databasePath`, or `nil` when inotify is unavailable: then one line is logged
    /// (warning on Linux, notice elsewhere) and the outbox loop polls every `push.poll_interval`.
    public static func start(databasePath: String, clock: any Clock<Duration> = ContinuousClock(),
                             logger: Logger) -> DatabaseChangeWatcher? {
        do {
            let watcher = try DatabaseChangeWatcher(databasePath: databasePath, clock: clock)
            logger.debug("watching the database's WAL for commits of other processes",
                         metadata: ["directory": "\(watcher.directory)"])
            return watcher
        } catch let error as DatabaseChangeWatcherError {
            let level: Logger.Level = error.code == .unsupportedPlatform ? .notice : .warning
            logger.log(level: level, "inotify unavailable: outbox edits of other processes are noticed by polling (push.poll_interval)",
                       metadata: ["reason": "\(error)"])
            return nil
        } catch {
            logger.warning("inotify unavailable: outbox edits of other processes are noticed by polling (push.poll_interval)",
                           metadata: ["reason": "\(error)"])
            return nil
        }
    }

    /// Returns `true` as soon as a hint is pending or arrives, `false` after `limit` without one.
    public func waitForChange(upTo limit: Duration) async throws -> Bool {
        if latch.consume() { return true }
        let (latch, clock) = (self.latch, self.clock)
        let hinted = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                await latch.wait()
                return true
            }
            group.addTask {
                try await clock.sleep(for: limit)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        try Task.checkCancellation()
        return hinted
    }

    /// Stops the reader thread (it closes the inotify descriptor and the pipe on its way out).
    /// Idempotent; later waits only time out.
    public func stop() {
        lifecycle.requestStop()
    }

    /// True until the reader thread has ended (after `stop()`, or when the watch was removed
    /// because the directory went away).
    public var isRunning: Bool {
        lifecycle.isRunning
    }

    /// `path` with symbolic links resolved when it exists, else as given.
    static func resolved(_ path: String) -> String {
        #if canImport(Glibc)
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
        #else
        return path
        #endif
    }
}

#if os(Linux)
extension DatabaseChangeWatcher {
    private struct Descriptors {
        let inotify: Int32
        let stopRead: Int32
        let stopWrite: Int32
    }

    /// What inotify reports as a change of a watched name.
    static let changeMask = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    private static func openDescriptors(directory: String) throws -> Descriptors {
        let inotify = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard inotify >= 0 else {
            throw DatabaseChangeWatcherError(code: .initFailed, path: directory, detail: errnoText())
        }
        guard inotify_add_watch(inotify, directory, changeMask) >= 0 else {
            let detail = errnoText()
            close(inotify)
            throw DatabaseChangeWatcherError(code: .watchFailed, path: directory, detail: detail)
        }
        // Glibc's module has no `pipe2`: mark both ends close-on-exec right after `pipe`.
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            let detail = errnoText()
            close(inotify)
            throw DatabaseChangeWatcherError(code: .pipeFailed, path: directory, detail: detail)
        }
        for fd in pipeFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return Descriptors(inotify: inotify, stopRead: pipeFDs[0], stopWrite: pipeFDs[1])
    }

    /// The reader thread: blocks in `poll()` until inotify has events or the stop pipe is closed,
    /// drains the events and sets `latch` when one names a watched file (or the queue overflowed).
    /// Returns, closing both descriptors, on stop, on an error, or when the watch is gone.
    private static func readEvents(inotify: Int32, stop: Int32, names: Set<String>, latch: ChangeHintLatch) {
        defer {
            close(inotify)
            close(stop)
        }
        var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else {
                if fds[0].revents != 0 { return }
                continue
            }
            var outcome = Batch()
            while true {
                let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
                if count > 0 {
                    outcome.add(buffer.prefix(count), names: names)
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break  // EAGAIN: drained (or an error: the poll reports it next time)
                }
            }
            if outcome.hint { latch.signal() }
            if outcome.watchGone { return }
        }
    }
}
#endif
