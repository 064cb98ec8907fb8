#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real `AF_UNIX` datagram socket that plays the service manager in tests.
final class DatagramReceiver {
    /// The value to put into `NOTIFY_SOCKET`.
    let notifySocket: String
    private let descriptor: Int32
    private let directory: URL?

    /// Binds to `<tempdir>/notify` (abstract: false) or to a random abstract name (abstract: true).
    init(abstract: Bool) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var pathBytes: [UInt8]
        if abstract {
            notifySocket = "@billing-sync-test-\(UUID().uuidString)"
            directory = nil
            pathBytes = [0] + Array(notifySocket.utf8.dropFirst())
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            directory = dir
            notifySocket = dir.appendingPathComponent("notify").path
            pathBytes = Array(notifySocket.utf8) + [0]
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + pathBytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    deinit {
        close(descriptor)
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The next datagram as text, or nil when none arrives within `timeout`.
    ///
    /// Polls without blocking and sleeps between polls, so a waiting test never ties up a
    /// thread of the (small) cooperative pool that the code under test needs.
    func receive(timeout: Duration = .seconds(2)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count >= 0 { return String(decoding: buffer[0..<count], as: UTF8.self) }
            guard errno == EAGAIN || errno == EWOULDBLOCK, ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
