#if canImport(Glibc)
import Glibc
#endif

/// An `AF_UNIX` address for a filesystem path or a Linux abstract name (`@name`).
///
/// Abstract names start with a NUL byte in `sun_path` and are not NUL-terminated, so the
/// address length is `offsetof(sun_path) + 1 + name length`; path addresses include the
/// terminating NUL, as systemd's own `sd_notify` does.
public struct UnixSocketAddress: Sendable, Hashable {
    /// The textual form: `/run/…` or `@name`.
    public let text: String
    /// The bytes placed into `sun_path` (a leading 0 for abstract names).
    let pathBytes: [UInt8]

    /// Parses `/absolute/path` or `@abstract`; anything else is unsupported.
    public init(_ text: String) throws(SystemdNotifierError) {
        var bytes: [UInt8]
        if text.hasPrefix("/") {
            bytes = Array(text.utf8) + [0]
        } else if text.hasPrefix("@"), text.utf8.count > 1 {
            bytes = [0] + Array(text.utf8.dropFirst())
        } else {
            throw SystemdNotifierError(code: .unsupportedAddress, address: text)
        }
        let capacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard bytes.count <= capacity else {
            throw SystemdNotifierError(code: .addressTooLong, address: text)
        }
        self.text = text
        self.pathBytes = bytes
    }

    /// True for `@name` addresses.
    public var isAbstract: Bool { pathBytes.first == 0 }

    /// Calls `body` with a filled `sockaddr_un` and its exact length.
    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(length)) }
        }
    }
}
