import CChildProcess
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests and tools, with the part of Foundation's `Process` interface they use.
///
/// Why not `Process`: on Linux, swift-corelibs-foundation's `Process.run()` (through 6.3.1) finds the
/// descriptors to close by reading `/proc/self/fd` and copies each entry's whole 256-byte `d_name`,
/// past the end of glibc's readdir buffer when that buffer is full (about 1,365 descriptors open):
/// an intermittent SIGSEGV in a test process with many loopback sockets (fixed upstream by
/// swift-corelibs-foundation PR 5472). This type spawns through `posix_spawn` with
/// `addclosefrom_np`, so the kernel closes the rest and nothing scans the directory.
///
/// Like `Process`: set the properties, `run()`, then `isRunning`, `waitUntilExit()`,
/// `terminationStatus`, `terminationReason`. A stream is `nil` (inherited), a `FileHandle`
/// (`FileHandle.nullDevice` included) or a `Pipe`;
/// the child's end of a `Pipe` is closed in this process once the child has it.
public final class ChildProcess: @unchecked Sendable {
    /// The program to run.
    public var executableURL: URL?
    /// Its arguments (without the program name).
    public var arguments: [String] = []
    /// Its whole environment; `nil` passes this process's.
    public var environment: [String: String]?
    /// Its working directory; `nil` keeps this process's.
    public var currentDirectoryURL: URL?
    /// Standard input: `nil`, a `FileHandle` or a `Pipe` (the child reads its reading end).
    public var standardInput: Any?
    /// Standard output: `nil`, a `FileHandle` or a `Pipe` (the child writes its writing end).
    public var standardOutput: Any?
    /// Standard error: `nil`, a `FileHandle` or a `Pipe`.
    public var standardError: Any?

    private enum State {
        case notStarted
        case running(pid_t)
        case exited(pid: pid_t, waitStatus: Int32)
    }

    private let state = Mutex(State.notStarted)

    /// Creates a process to configure and `run()`.
    public init() {}

    /// Starts the program. Throws a `POSIXError` when it cannot be spawned (e.g. `ENOENT`).
    public func run() throws {
        guard let executable = executableURL?.path else { throw POSIXError(.ENOENT) }
        let argv = ([executable] + arguments).map { strdup($0) }
        let environment = (self.environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        // `FileHandle.nullDevice` has no descriptor of its own (-1): the child gets /dev/null.
        let nullDevice = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { if nullDevice >= 0 { close(nullDevice) } }
        let streams = [Self.descriptor(standardInput, reading: true, default: 0),
                       Self.descriptor(standardOutput, reading: false, default: 1),
                       Self.descriptor(standardError, reading: false, default: 2)].map { $0 < 0 ? nullDevice : $0 }
        var pid: pid_t = 0
        let result = (argv + [nil]).withUnsafeBufferPointer { argvPointer in
            (environment + [nil]).withUnsafeBufferPointer { envPointer in
                billing_sync_spawn(&pid, executable, argvPointer.baseAddress, envPointer.baseAddress,
                                   currentDirectoryURL?.path, streams[0], streams[1], streams[2], 1)
            }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO) }
        state.withLock { $0 = .running(pid) }
        (standardInput as? Pipe).map { try? $0.fileHandleForReading.close() }
        (standardOutput as? Pipe).map { try? $0.fileHandleForWriting.close() }
        (standardError as? Pipe).map { try? $0.fileHandleForWriting.close() }
    }

    /// The child's process id, or 0 before `run()`.
    public var processIdentifier: Int32 {
        state.withLock { state in
            switch state {
            case .notStarted: 0
            case .running(let pid), .exited(let pid, _): pid
            }
        }
    }

    /// Whether the child has started and not yet exited (reaps it when it has).
    public var isRunning: Bool {
        state.withLock { state in
            guard case .running(let pid) = state else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                state = .exited(pid: pid, waitStatus: status)
                return false
            }
            return true
        }
    }

    /// Blocks until the child has exited.
    public func waitUntilExit() {
        guard case .running(let pid) = state.withLock({ $0 }) else { return }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, 0)
            if reaped == pid {
                state.withLock { $0 = .exited(pid: pid, waitStatus: status) }
                return
            }
            if reaped == -1, errno == EINTR { continue }
            // Another caller reaped it (ECHILD): wait for that caller to record the status.
            while isRunning { usleep(1_000) }
            return
        }
    }

    /// The exit code, or the signal number when a signal ended the child. Only after it exited.
    public var terminationStatus: Int32 {
        let status = exitedStatus
        return Self.signal(in: status) ?? (status >> 8) & 0xFF
    }

    /// Whether the child exited or was ended by a signal. Only after it exited.
    public var terminationReason: Process.TerminationReason {
        Self.signal(in: exitedStatus) == nil ? .exit : .uncaughtSignal
    }

    /// Sends SIGTERM.
    public func terminate() { send(SIGTERM) }

    /// Sends SIGINT.
    public func interrupt() { send(SIGINT) }

    private func send(_ signal: Int32) {
        if case .running(let pid) = state.withLock({ $0 }) { kill(pid, signal) }
    }

    private var exitedStatus: Int32 {
        guard case .exited(_, let status) = state.withLock({ $0 }) else {
            preconditionFailure("ChildProcess: the termination status is read before the child exited")
        }
        return status
    }

    private static func signal(in waitStatus: Int32) -> Int32? {
        let signal = waitStatus & 0x7F
        return signal == 0 ? nil : signal
    }

    private static func descriptor(_ stream: Any?, reading: Bool, default fallback: Int32) -> Int32 {
        switch stream {
        case let handle as FileHandle: handle.fileDescriptor
        case let pipe as Pipe: reading ? pipe.fileHandleForReading.fileDescriptor : pipe.fileHandleForWriting.fileDescriptor
        default: fallback
        }
    }
}
