import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's `$NOTIFY_SOCKET`, collecting what a child
/// `billing-sync run` reports (READY=1, STATUS=…, WATCHDOG=1, RELOADING=1, STOPPING=1).
public final class NotifySocketListener: @unchecked Sendable {
    /// The socket path to put in `NOTIFY_SOCKET`.
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()
    private var received: [String] = []

    /// Binds a socket at `path` (any existing file there is replaced).
    public init(path: String) throws {
        self.path = path
        unlink(path)
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw POSIXError(.ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    /// Every datagram received so far, split into `KEY=value` lines.
    public var lines: [String] {
        drain()
        return lock.withLock { received }
    }

    /// Waits until a received line satisfies `predicate`, up to `timeout`; returns that line.
    public func waitFor(_ timeout: Duration, _ predicate: (String) -> Bool) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        var seen = 0
        while ContinuousClock.now < deadline {
            let all = lines
            if let match = all[seen...].first(where: predicate) { return match }
            seen = all.count
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// Waits for an exact line such as `READY=1` appearing after the first `after` lines.
    public func waitFor(_ line: String, after: Int = 0, timeout: Duration = .seconds(30)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lines.dropFirst(after).contains(line) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard count > 0 else { return }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            lock.withLock { received.append(contentsOf: text.split(separator: "\n").map(String.init)) }
        }
    }
}
