#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The watchdog configuration systemd passes in `$WATCHDOG_USEC` / `$WATCHDOG_PID`.
public struct WatchdogSettings: Sendable, Equatable {
    /// `WatchdogSec=`: systemd kills the service when no `WATCHDOG=1` arrives within it.
    public let timeout: Duration

    /// How often to ping: half the timeout, as `sd_watchdog_enabled(3)` recommends.
    public var pingInterval: Duration { timeout / 2 }

    /// Creates settings for a known timeout.
    public init(timeout: Duration) {
        self.timeout = timeout
    }

    /// Reads `WATCHDOG_USEC`; nil when unset, invalid, zero, or when `WATCHDOG_PID` names another process.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        processID: Int32 = getpid()
    ) -> WatchdogSettings? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let pidText = environment["WATCHDOG_PID"], !pidText.isEmpty {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return WatchdogSettings(timeout: .microseconds(Int64(clamping: usec)))
    }
}
