import CoreMetrics
import Logging
import PartnerCenterClient
import Prometheus
import ServiceLifecycle
import Testing
@testable import BillingSyncDaemon

@Suite("Prometheus metrics endpoint on loopback")
struct MetricsEndpointTests {
    /// Runs `endpoint` in a service group, hands its bound port to `body`, then shuts it down gracefully.
    private func withRunningEndpoint(
        registry: PrometheusCollectorRegistry,
        _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let endpoint = try MetricsEndpoint(host: "127.0.0.1", port: 0, registry: registry,
                                           logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
                                           onListening: { continuation.yield($0) })
        let group = ServiceGroup(services: [endpoint], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(port > 0)
            do {
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("GET /metrics serves counters recorded through swift-metrics")
    func servesMetrics() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        Counter(label: MetricNames.editsTotal, dimensions: [(MetricNames.Label.outcome, MetricNames.EditOutcome.pushed)],
                factory: factory).increment(by: 3)
        Gauge(label: MetricNames.lastSuccessTimestampSeconds, dimensions: [(MetricNames.Label.activity, "reconcile")],
              factory: factory).record(1_700_000_000)
        Counter(label: MetricNames.profilesChangedTotal, factory: factory).increment(by: 2)

        try await withRunningEndpoint(registry: registry) { port in
            let reply = try await LoopbackHTTP.get(port: port, path: "/metrics")
            #expect(reply.status == 200)
            #expect(reply.body.contains(#"billing_sync_edits_total{outcome="pushed"} 3"#))
            #expect(reply.body.contains(#"billing_sync_last_success_timestamp_seconds{activity="reconcile"} 1700000000"#))
            #expect(reply.body.contains("billing_sync_profiles_changed_total 2"))

            Counter(label: HTTPMetricNames.requestsTotal,
                    dimensions: [("service", "partner_center"), (MetricNames.Label.route, "/v1/customers"), (MetricNames.Label.status, "200")],
                    factory: factory).increment()
            let later = try await LoopbackHTTP.get(port: port, path: "/metrics")
            #expect(later.body.contains(#"billing_sync_http_requests_total{service="partner_center",route="/v1/customers",status="200"} 1"#))

            #expect(try await LoopbackHTTP.get(port: port, path: "/other").status == 404)
        }
    }

    @Test("non-loopback hosts are refused unless explicitly allowed", arguments: ["0.0.0.0", "::", "192.0.2.10", "example.com"])
    func refusesNonLoopback(host: String) throws {
        let registry = PrometheusCollectorRegistry()
        #expect(throws: MetricsEndpointError(code: .nonLoopbackHost, host: host, port: 9464)) {
            try MetricsEndpoint(host: host, port: 9464, registry: registry)
        }
        let allowed = try MetricsEndpoint(host: host, port: 9464, registry: registry, allowNonLoopback: true)
        #expect(allowed.host == host)
    }

    @Test("loopback spellings are accepted", arguments: ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"])
    func acceptsLoopback(host: String) {
        #expect(MetricsEndpoint.isLoopback(host))
    }

    @Test("ports outside 0…65535 are refused")
    func refusesBadPort() {
        #expect(throws: MetricsEndpointError.self) {
            try MetricsEndpoint(port: 70_000, registry: PrometheusCollectorRegistry())
        }
    }
}
