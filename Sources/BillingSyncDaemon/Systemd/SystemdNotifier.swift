#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Sends sd_notify messages (`READY=1`, `STATUS=…`, `WATCHDOG=1`, …) to the service manager.
///
/// A plain Swift implementation of the protocol — no libsystemd: one `AF_UNIX`/`SOCK_DGRAM`
/// datagram per `send`, to the path or abstract socket named by `$NOTIFY_SOCKET`, sent with
/// `MSG_NOSIGNAL`. The socket is owned by the instance and closed in `deinit`.
public final class SystemdNotifier: Sendable {
    /// Where datagrams go.
    public let address: UnixSocketAddress
    private let descriptor: Int32

    /// Connects to `$NOTIFY_SOCKET`; nil when the variable is unset or empty (not run by systemd).
    ///
    /// - Parameter unsetEnvironment: like `sd_notify(unset_environment=1)`, removes
    ///   `NOTIFY_SOCKET` from this process's environment so child processes do not inherit it.
    public init?(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        unsetEnvironment: Bool = false
    ) throws(SystemdNotifierError) {
        guard let text = environment["NOTIFY_SOCKET"], !text.isEmpty else { return nil }
        if unsetEnvironment { unsetenv("NOTIFY_SOCKET") }
        let address = try UnixSocketAddress(text)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw SystemdNotifierError(code: .socketFailed, systemErrno: Glibc.errno, address: text)
        }
        self.address = address
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Sends all `states` in one datagram, one `KEY=VALUE` per line.
    ///
    /// Never blocks: this runs on the shared cooperative threads, and a notify socket whose queue
    /// is full (a manager that stopped reading) must not stall the daemon. Such a datagram is
    /// dropped and reported as `sendFailed` with `EAGAIN`.
    public func send(_ states: [NotifyState]) throws(SystemdNotifierError) {
        guard !states.isEmpty else { return }
        let message = Array(states.flatMap(\.lines).joined(separator: "\n").utf8)
        let sent = address.withSockAddr { socketAddress, length in
            message.withUnsafeBytes { buffer in
                sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), socketAddress, length)
            }
        }
        guard sent == message.count else {
            throw SystemdNotifierError(code: .sendFailed, systemErrno: sent < 0 ? Glibc.errno : 0, address: address.text)
        }
    }

    /// Sends one state.
    public func send(_ state: NotifyState) throws(SystemdNotifierError) {
        try send([state])
    }
}
