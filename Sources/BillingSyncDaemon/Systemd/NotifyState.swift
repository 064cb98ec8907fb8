#if canImport(Glibc)
import Glibc
#endif

/// One `KEY=VALUE` assignment of the sd_notify protocol (see `sd_notify(3)`).
public enum NotifyState: Sendable, Hashable {
    /// `READY=1`: start-up finished; systemd considers a `Type=notify` unit started.
    case ready
    /// `RELOADING=1` plus `MONOTONIC_USEC=`: a reload began at the given `CLOCK_MONOTONIC` time.
    case reloading(monotonicUsec: UInt64)
    /// `STOPPING=1`: graceful shutdown began.
    case stopping
    /// `STATUS=…`: a one-line human status shown by `systemctl status`.
    case status(String)
    /// `WATCHDOG=1`: keep-alive ping for `WatchdogSec=`.
    case watchdog
    /// `MAINPID=…`: the main process of the service.
    case mainPID(Int32)
    /// `ERRNO=…`: the errno-style reason of a failure.
    case errno(Int32)

    /// `.reloading` stamped with the current `CLOCK_MONOTONIC` time, as `Type=notify-reload` expects.
    public static func reloadingNow() -> NotifyState {
        .reloading(monotonicUsec: monotonicMicroseconds())
    }

    /// The current `CLOCK_MONOTONIC` time in microseconds.
    public static func monotonicMicroseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000 + UInt64(time.tv_nsec) / 1_000
    }

    /// The protocol lines for this state (newlines in a status text become spaces).
    public var lines: [String] {
        switch self {
        case .ready: ["READY=1"]
        case .reloading(let usec): ["RELOADING=1", "MONOTONIC_USEC=\(usec)"]
        case .stopping: ["STOPPING=1"]
        case .status(let text):
            ["STATUS=" + String(text.map { $0.isNewline ? " " : $0 })]
        case .watchdog: ["WATCHDOG=1"]
        case .mainPID(let pid): ["MAINPID=\(pid)"]
        case .errno(let code): ["ERRNO=\(code)"]
        }
    }
}
