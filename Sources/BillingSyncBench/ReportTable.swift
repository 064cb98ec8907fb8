import Foundation

/// Plain-text tables of scenario results.
enum ReportTable {
    /// One scenario: its figures, then its ratios with goals.
    static func render(_ result: ScenarioResult) -> String {
        var lines = ["", "== \(result.number). \(result.id) =="]
        for metric in result.metrics {
            lines.append(row(metric.name, format(metric.value) + " " + metric.unit, ""))
        }
        for ratio in result.ratios {
            let verdict = ratio.met.map { $0 ? "met" : "MISSED" } ?? ""
            lines.append(row(ratio.name, format(ratio.value), "goal \(ratio.goal) \(verdict)"))
        }
        lines += result.notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The summary: every ratio with a goal, and the failures.
    static func render(_ report: BenchReport) -> String {
        var lines = ["", "== summary (\(report.scale), \(report.build) build, \(report.cpus) CPUs) =="]
        for scenario in report.scenarios {
            for ratio in scenario.ratios where ratio.met != nil {
                lines.append(row("\(scenario.number). \(ratio.name)", format(ratio.value),
                                 "goal \(ratio.goal) \(ratio.met == true ? "met" : "MISSED")"))
            }
        }
        lines += report.failures.map { "FAILED: \($0)" }
        return lines.joined(separator: "\n")
    }

    private static func row(_ name: String, _ value: String, _ goal: String) -> String {
        let padded = name.count < 58 ? name + String(repeating: " ", count: 58 - name.count) : name
        let paddedValue = value.count < 22 ? String(repeating: " ", count: 22 - value.count) + value : value
        return "  \(padded) \(paddedValue)  \(goal)"
    }

    private static func format(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e12 { return String(Int(value)) }
        return abs(value) >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }
}
