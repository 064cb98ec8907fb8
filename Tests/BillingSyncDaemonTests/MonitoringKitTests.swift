import BillingSyncTesting
import Foundation
import Testing
@testable import BillingSyncDaemon

/// The shipped monitoring kit (`config/monitoring/`): alert rules checked and unit-tested by
/// promtool, a dashboard that is valid JSON, and every metric either names is one billing-sync exports.
@Suite("shipped alert rules and dashboard")
struct MonitoringKitTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config/monitoring").path
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("promtool check rules and promtool test rules pass",
          .enabled(if: promtool != nil, "promtool is not installed (Debian package prometheus; .ci/run installs it)"))
    func promtoolChecksAndTestsTheRules() async throws {
        let check = try await Self.run(["check", "rules", "billing-sync-alerts.yml"])
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("SUCCESS: 11 rules found"), "\(check.output)")
        let unit = try await Self.run(["test", "rules", "billing-sync-alerts.test.yml", "billing-sync-alerts-daily.test.yml"])
        #expect(unit.status == 0, "\(unit.output)")
        #expect(unit.output.contains("SUCCESS"), "\(unit.output)")
    }

    @Test("every alert has a promtool unit test")
    func everyAlertIsTested() throws {
        let rules = try String(contentsOfFile: Self.folder + "/billing-sync-alerts.yml", encoding: .utf8)
        let tests = try ["billing-sync-alerts.test.yml", "billing-sync-alerts-daily.test.yml"]
            .map { try String(contentsOfFile: Self.folder + "/" + $0, encoding: .utf8) }.joined()
        let alerts = rules.matches(of: /- alert: (\w+)/).map { String($0.1) }
        #expect(alerts.count == 11)
        for alert in alerts { #expect(tests.contains("alertname: \(alert)"), "no unit test for \(alert)") }
    }

    @Test("the dashboard is valid JSON and every expression names an exported metric")
    func dashboardNamesExistingMetrics() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/billing-sync-dashboard.json"))
        let dashboard = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(dashboard["panels"] as? [[String: Any]])
        let expressions = panels.flatMap { ($0["targets"] as? [[String: Any]] ?? []).compactMap { $0["expr"] as? String } }
        #expect(expressions.count >= 10)
        var used = Set<String>()
        for expression in expressions {
            let names = Self.metricNames(in: expression)
            #expect(!names.isEmpty, "no metric in \(expression)")
            used.formUnion(names)
            for name in names { #expect(Self.isExported(name), "\(name) in \(expression) is not exported") }
        }
        // The panels: request rate and latency, rate-limit headroom, outbox, conflicts, drift, health.
        for required in [MetricNames.outboxEdits, MetricNames.openConflicts, MetricNames.historyRows, MetricNames.healthState,
                         "billing_sync_rate_limiter_tokens", "billing_sync_http_request_duration_seconds_bucket"] {
            #expect(used.contains(required), "the dashboard does not show \(required)")
        }
    }

    @Test("every alert expression names an exported metric")
    func rulesNameExistingMetrics() throws {
        let rules = try String(contentsOfFile: Self.folder + "/billing-sync-alerts.yml", encoding: .utf8)
        for line in rules.split(separator: "\n") where line.contains("expr:") {
            let names = Self.metricNames(in: String(line))
            #expect(!names.isEmpty)
            for name in names where name != "up" { #expect(Self.isExported(name), "\(name) in \(line) is not exported") }
        }
    }

    /// The metric-looking identifiers of a PromQL expression (ours and the process ones).
    static func metricNames(in expression: String) -> Set<String> {
        Set(expression.matches(of: /\b((?:billing_sync|process)_[a-z0-9_]+)\b/).map { String($0.1) }
            + (expression.contains("up{") ? ["up"] : []))
    }

    /// True for a name in ``MetricNames/all`` or a histogram's `_bucket`/`_sum`/`_count` series.
    static func isExported(_ name: String) -> Bool {
        if MetricNames.all.contains(name) { return true }
        return MetricNames.histograms.contains { histogram in
            ["_bucket", "_sum", "_count"].contains { name == histogram + $0 }
        }
    }

    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await ProgramRun.run(try #require(promtool), arguments, in: folder)
        return (run.status, run.output + run.errors)
    }
}
