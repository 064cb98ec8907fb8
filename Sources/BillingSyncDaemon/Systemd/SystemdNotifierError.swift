/// Why a notification to the service manager could not be set up or sent.
public struct SystemdNotifierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reasons.
    public enum Code: String, Sendable {
        /// `$NOTIFY_SOCKET` is neither an absolute path nor an `@abstract` name (e.g. `vsock:`).
        case unsupportedAddress = "unsupported_address"
        /// The socket path does not fit into `sockaddr_un.sun_path`.
        case addressTooLong = "address_too_long"
        /// `socket(2)` failed.
        case socketFailed = "socket_failed"
        /// `sendto(2)` failed or sent a short datagram.
        case sendFailed = "send_failed"
    }

    /// What failed.
    public let code: Code
    /// The `errno` value, 0 when not a system call failure.
    public let systemErrno: Int32
    /// The `$NOTIFY_SOCKET` value involved.
    public let address: String

    /// Creates an error.
    public init(code: Code, systemErrno: Int32 = 0, address: String) {
        self.code = code
        self.systemErrno = systemErrno
        self.address = address
    }

    /// One line for logs and the CLI.
    public var description: String {
        let reason = systemErrno == 0 ? "" : " (errno \(systemErrno))"
        return "sd_notify \(code.rawValue) for NOTIFY_SOCKET=\(address.debugDescription)\(reason)"
    }
}
