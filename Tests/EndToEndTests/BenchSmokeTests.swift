import BillingSyncTesting
import BillingSyncSpawn
import Foundation
import Testing

/// `billing-sync-bench --smoke` (built beside `billing-sync`) runs every scenario at tiny scale
/// and writes a JSON report with figures and ratios for each, among them every figure issue 12
/// asks for (raw transport baseline, CPU per 1k profiles, unchanged re-sync, daemon RSS, the
/// micro-benchmarks) and issue 22 (edits during a load, a shared and an over-claimed budget).
/// Timing goals are not asserted: CI machines are too noisy for that; benchmarks are a program,
/// not timed tests.
@Suite struct BenchSmokeTests {
    @Test(.timeLimit(.minutes(5)))
    func smokeRunReportsEveryScenario() async throws {
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-bench-smoke")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let jsonPath = folder + "/bench.json"
        let executable = try BillingSyncProcess.executableURL().deletingLastPathComponent()
            .appendingPathComponent("billing-sync-bench")
        #expect(FileManager.default.isExecutableFile(atPath: executable.path), "build the billing-sync-bench product")
        let process = ChildProcess()
        process.executableURL = executable
        process.arguments = ["--smoke", "--load-emulator", "both", "--json", jsonPath]
        let log = folder + "/bench.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(240)
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "bench output:\n\(output.suffix(3000))")

        let data = try #require(FileManager.default.contents(atPath: jsonPath), "no JSON report; output:\n\(output.suffix(3000))")
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["scale"] as? String == "smoke")
        #expect((report["failures"] as? [Any])?.isEmpty == true, "failures: \(report["failures"] ?? "none")")
        let scenarios = try #require(report["scenarios"] as? [[String: Any]])
        #expect(scenarios.compactMap { $0["number"] as? Int }.sorted() == Array(1...12))
        for scenario in scenarios {
            let id = scenario["id"] as? String ?? "?"
            let metrics = scenario["metrics"] as? [[String: Any]] ?? []
            let ratios = scenario["ratios"] as? [[String: Any]] ?? []
            #expect(!metrics.isEmpty, "\(id) has no figures")
            #expect(!ratios.isEmpty, "\(id) has no ratios")
            for entry in metrics + ratios {
                let value = entry["value"] as? Double
                #expect(value?.isFinite == true, "\(id): \(entry["name"] ?? "?") is not a number")
            }
            // The floor measured something: bare inserts cost CPU, so raw loop + floor is above the raw loop.
            for entry in metrics + ratios where (entry["name"] as? String)?.contains("floor:") == true {
                #expect((entry["value"] as? Double ?? 0) > 0, "\(id): \(entry["name"] ?? "?") is \(entry["value"] ?? "missing")")
            }
            for entry in ratios where (entry["name"] as? String)?.hasSuffix("(raw-loop + bare inserts) / raw-loop CPU") == true {
                #expect((entry["value"] as? Double ?? 0) > 1, "\(id): \(entry["name"] ?? "?") is \(entry["value"] ?? "missing")")
            }
            for expected in Self.expectedFigures[id] ?? [] {
                let names = (metrics + ratios).compactMap { $0["name"] as? String }
                #expect(names.contains { $0.contains(expected) }, "\(id) has no figure named like \"\(expected)\"")
            }
        }
    }

    /// Figures each scenario must report (parts of their names: load figures start with `N=<size> `).
    static let expectedFigures: [String: [String]] = [
        "initial-load": [
            "raw-loop rate", "plain-loop rate", "sync rate", "raw-loop CPU", "sync CPU per 1k profiles",
            "raw-loop peak RSS", "re-sync (unchanged) CPU", "daemon peak RSS",
            "sync rate / plain-loop rate", "plain-loop rate / raw-loop rate", "sync CPU per 1k / 0.15 s",
            "re-sync CPU / first-load CPU", "vs emulator process sync CPU / raw-loop CPU",
            "vs emulator process re-sync CPU / first-load CPU",
            "floor: bare inserts of the sync's rows CPU per 1k profiles", "floor: (raw-loop + bare inserts) / raw-loop CPU",
            "(sync - raw-loop) CPU / bare inserts CPU",
        ],
        "edits-during-load": ["latency p50", "latency p99", "load wall time", "bound / load wall time", "edits not pushed"],
        "shared-budget": ["customers left unfetched", "429s / sync requests", "other consumer's pace"],
        "over-claimed": ["customers left unfetched", "sync exit status", "429s / sync requests"],
        "freshness-under-budget": ["latency p99", "changes not in the mirror", "latency p99 / (audit interval + 5 s)",
                                   "profile reads per minute / budget"],
        "memory-scaling": ["sync peak RSS", "daemon peak RSS", "daemon peak RSS N=", "/ 64 MiB"],
        "micro": [
            "JSONValue(parsing:)", "BillingProfile(data:)", "JSONValue.canonicalText()", "ContentHash.of(resource:)",
            "ProfileColumns.values(_:)", "WriteTransaction.saveProfile (one transaction)",
            "parse / JSONSerialization", "parse / JSONDecoder concrete", "saveProfile / raw insert",
        ],
    ]
}
