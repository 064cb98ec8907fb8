#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A minimal HTTP/1.1 GET over a blocking TCP socket to 127.0.0.1 — only loopback, only for tests.
enum LoopbackHTTP {
    struct Reply {
        let status: Int
        let body: String
    }

    struct Failure: Error {
        let step: String
        let code: Int32
    }

    /// Sends the request and reads the whole response; reads poll without blocking (sleeping
    /// between polls) so the server's tasks on the cooperative pool are never starved.
    static func get(port: Int, path: String) async throws -> Reply {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(step: "socket", code: errno) }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(step: "connect", code: errno) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else {
            throw Failure(step: "send", code: errno)
        }
        var response = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count > 0 {
                response += buffer[0..<count]
            } else if count == 0 {
                break
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            } else {
                throw Failure(step: "recv", code: errno)
            }
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let statusLine = parts.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(step: "parse", code: 0) }
        return Reply(status: status, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
