#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// An optional Prometheus scrape endpoint: `GET /metrics` in text exposition format.
///
/// Binds to loopback only unless `allowNonLoopback` is set. Runs as a ServiceLifecycle
/// `Service` until graceful shutdown or cancellation.
public struct MetricsEndpoint: Service {
    /// The bind host (an IP address or `localhost`).
    public let host: String
    /// The bind port; 0 picks a free port (reported to `onListening`).
    public let port: Int
    private let registry: PrometheusCollectorRegistry
    private let logger: Logger
    private let onListening: @Sendable (Int) async -> Void

    /// Validates the address; throws ``MetricsEndpointError`` for a non-loopback host (unless allowed) or a bad port.
    public init(
        host: String = "127.0.0.1",
        port: Int,
        registry: PrometheusCollectorRegistry,
        allowNonLoopback: Bool = false,
        logger: Logger = Logger(label: "billing-sync.metrics"),
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(MetricsEndpointError) {
        guard (0...65535).contains(port) else { throw MetricsEndpointError(code: .invalidPort, host: host, port: port) }
        guard allowNonLoopback || Self.isLoopback(host) else {
            throw MetricsEndpointError(code: .nonLoopbackHost, host: host, port: port)
        }
        self.host = host
        self.port = port
        self.registry = registry
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until shutdown.
    public func run() async throws {
        let router = Router()
        let registry = self.registry
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
        let onListening = self.onListening
        let fallbackPort = port
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? fallbackPort) },
            logger: logger
        )
        try await application.run()
    }

    /// True for `localhost`, `127.0.0.0/8`, `::1` and IPv4-mapped loopback (`::ffff:127.x.x.x`).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, bare, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        let mappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xff, 0xff]
        return Array(bytes[0..<12]) == mappedPrefix && bytes[12] == 127
    }
}
