import BillingSyncDaemon
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// A real Prometheus (Debian package `prometheus`) scrapes a real `billing-sync run` daemon that
/// runs against the emulator, evaluates the shipped alert rules (with `for:` shortened to 1s),
/// and fires BillingSyncAccessDenied once the emulator answers 403.
@Suite("a real Prometheus scrapes the daemon", .serialized)
struct PrometheusScrapeTests {
    static let prometheus = ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let rulesPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/monitoring/billing-sync-alerts.yml").path

    @Test("the series exist in Prometheus and the access-denied alert fires on 403",
          .enabled(if: prometheus != nil, "prometheus is not installed (Debian package prometheus; .ci/run installs it)"),
          .timeLimit(.minutes(2)))
    func scrapeAndAlert() async throws {
        let fixture = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 5, seed: 11)) {
            $0.sync.auditInterval = .seconds(1)
        }
        let metricsPort = try FreePort.pick()
        let prometheusPort = try FreePort.pick()
        _ = try fixture.environment.writeConfigurationFile(extra: """
            [metrics]
            enabled = true
            listen = "127.0.0.1:\(metricsPort)"
            sample_interval = "1s"
            """)
        let daemon = try fixture.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await fixture.waitForHealth("healthy")?.state == "healthy", "\(daemon.output)")

        let folder = fixture.environment.folder
        let rules = try String(contentsOfFile: Self.rulesPath, encoding: .utf8)
            .replacing(/for: \d+[smh]/, with: "for: 1s")
        try rules.write(toFile: folder + "/rules.yml", atomically: true, encoding: .utf8)
        try """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: billing-sync
                static_configs:
                  - targets: ["127.0.0.1:\(metricsPort)"]
            """.write(toFile: folder + "/prometheus.yml", atomically: true, encoding: .utf8)
        let server = try BillingSyncProcess(
            arguments: ["--config.file=\(folder)/prometheus.yml", "--storage.tsdb.path=\(folder)/tsdb",
                        "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn"],
            logPath: folder + "/prometheus.log", executable: URL(fileURLWithPath: try #require(Self.prometheus)))
        defer { server.terminateIfRunning() }
        let api = PrometheusAPI(port: prometheusPort)

        // Every family the issue asks for is scraped (histograms by their _count series).
        let expected = [
            "billing_sync_build_info", "billing_sync_health_state", "billing_sync_last_success_timestamp_seconds",
            "billing_sync_outbox_edits", "billing_sync_open_conflicts", "billing_sync_oldest_pending_edit_age_seconds",
            "billing_sync_mirror_customers", "billing_sync_history_rows", "billing_sync_http_requests_total",
            "billing_sync_http_request_duration_seconds_count", "billing_sync_access_token_expiry_timestamp_seconds",
            "process_resident_memory_bytes", "process_open_fds", "process_cpu_seconds_total", "up",
        ]
        var missing = expected
        let deadline = ContinuousClock.now + .seconds(40)
        while !missing.isEmpty, ContinuousClock.now < deadline {
            missing = try await api.missingSeries(missing)
            if !missing.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(missing.isEmpty, "not in Prometheus: \(missing)\n\(server.output)")
        #expect(try await api.query(#"billing_sync_mirror_customers{state="active"}"#) == ["5"])
        #expect(try await api.query(#"billing_sync_build_info{version="\#(BillingSyncVersion.current)"}"#) == ["1"])
        #expect(try await api.firingAlerts().contains("BillingSyncAccessDenied") == false)

        await fixture.state.forbid(true)
        #expect(try await fixture.waitForHealth("forbidden", timeout: .seconds(20))?.state == "forbidden", "\(daemon.output)")
        var firing: Set<String> = []
        let alertDeadline = ContinuousClock.now + .seconds(30)
        while !firing.contains("BillingSyncAccessDenied"), ContinuousClock.now < alertDeadline {
            try await Task.sleep(for: .milliseconds(500))
            firing = try await api.firingAlerts()
        }
        #expect(firing.contains("BillingSyncAccessDenied"), "alerts firing: \(firing)\n\(server.output)")
        #expect(try await api.query(#"billing_sync_health_state{activity="overall",state="forbidden"}"#) == ["1"])

        server.signal(SIGTERM)
        _ = try await server.waitForExit(timeout: .seconds(10))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try await fixture.shutdown()
    }
}
