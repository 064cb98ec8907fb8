import BillingSyncStore
import Foundation
import PartnerCenterModels

/// Scenario 8 (`micro`, also `billing-sync-bench micro`): the per-profile hot paths, each in ns per
/// call against a baseline timed in the same run, over the emulator's generated billing profiles
/// (seed 42) as the emulator serves them (canonical JSON bytes). Documents are used in turn.
struct MicroBenchmarks: Sendable {
    /// Calls per round of each operation (5 rounds, median).
    let iterations: Int
    /// Rows saved by each side of the store comparison.
    let saveRows: Int
    /// Folder for the two temporary databases.
    let folder: String

    /// How many different documents the in-memory operations cycle through.
    static let documentCount = 64

    func run() async throws -> ScenarioResult {
        let documents = try await ProfileRows.generate(count: Self.documentCount).rows
        let bodies = documents.map { Data($0.rawJSON.utf8) }
        let bytes = bodies.map { [UInt8]($0) }
        let resources = documents.map(\.resource)
        let foundation = try bodies.map { try JSONSerialization.jsonObject(with: $0) }
        let count = documents.count
        var result = ScenarioResult(number: 8, id: "micro")
        result.add("profile document size (mean)", Double(bytes.map(\.count).reduce(0, +)) / Double(count), "bytes")

        let parse = MicroTimer.compare(iterations: iterations, { i in
            ((try? JSONValue(parsing: bodies[i % count]))?.objectValue?.count) ?? 0
        }, against: { i in
            ((try? JSONSerialization.jsonObject(with: bodies[i % count])) as? [String: Any])?.count ?? 0
        })
        record(&result, "JSONValue(parsing:)", parse, baseline: "JSONSerialization.jsonObject", ratio: "parse / JSONSerialization")

        let decoder = JSONDecoder()
        let concrete = MicroTimer.compare(iterations: iterations, { i in
            ((try? JSONValue(parsing: bodies[i % count]))?.objectValue?.count) ?? 0
        }, against: { i in
            (try? decoder.decode(DecodedBillingProfile.self, from: bodies[i % count]))?.attributes?.etag?.utf8.count ?? 0
        })
        record(&result, "JSONValue(parsing:) vs a concrete type", concrete,
               baseline: "JSONDecoder into a Decodable struct of the documented fields", ratio: "parse / JSONDecoder concrete")

        let construct = MicroTimer.compare(iterations: iterations, { i in
            ((try? BillingProfile(data: bodies[i % count]))?.resource.objectValue?.count) ?? 0
        }, against: { i in
            ((try? JSONSerialization.jsonObject(with: bodies[i % count])) as? [String: Any])?.count ?? 0
        })
        record(&result, "BillingProfile(data:)", construct, baseline: "JSONSerialization.jsonObject",
               ratio: "BillingProfile(data:) / JSONSerialization")

        let canonical = MicroTimer.compare(iterations: iterations, { i in
            resources[i % count].canonicalText().utf8.count
        }, against: { i in
            (try? JSONSerialization.data(withJSONObject: foundation[i % count], options: [.sortedKeys]))?.count ?? 0
        })
        record(&result, "JSONValue.canonicalText()", canonical, baseline: "JSONSerialization.data(sortedKeys)",
               ratio: "canonicalText / JSONSerialization sorted write")

        let hash = MicroTimer.compare(iterations: iterations, { i in
            ContentHash.of(resource: resources[i % count]).utf8.count
        }, against: { i in
            ContentHash.sha256Hex(bytes[i % count]).utf8.count
        })
        record(&result, "ContentHash.of(resource:)", hash, baseline: "SHA-256 hex of the raw bytes",
               ratio: "ContentHash.of / SHA-256 of the raw bytes")

        let flatten = MicroTimer.compare(iterations: iterations, { i in
            ProfileColumns.values(resources[i % count]).count(where: { $0 != nil })
        }, against: { i in
            Self.exactLookups(resources[i % count])
        })
        record(&result, "ProfileColumns.values(_:)", flatten, baseline: "exact-key lookups of the same fields",
               ratio: "flatten / exact-key lookups")

        let save = try await saveComparison()
        record(&result, "WriteTransaction.saveProfile (one transaction)", save,
               baseline: "raw sqlite3 prepared insert (one transaction)", ratio: "saveProfile / raw insert")

        result.notes.append("\(iterations) calls per round, 5 rounds alternating with the baseline, median round; \(Self.documentCount) generated profiles used in turn.")
        result.notes.append("Ratios are cost ratios (operation ns / baseline ns): above 1 is slower than the baseline. Allocations are not counted.")
        result.notes.append("save: \(saveRows) new rows in one transaction each side (WAL, synchronous=FULL), as scenario 2; the raw side binds values computed beforehand.")
        return result
    }

    /// Nanoseconds per row of `saveProfile` through `StoreWriter` and of the raw C API insert.
    private func saveComparison() async throws -> (operation: Double, baseline: Double) {
        let data = try await ProfileRows.generate(count: saveRows)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try await StoreScenario.storeTime(data, path: folder + "/micro-store.sqlite", batchSize: saveRows)
        let raw = try await StoreScenario.rawTime(data, path: folder + "/micro-raw.sqlite")
        let rows = Double(max(1, data.rows.count))
        return (store.seconds * 1e9 / rows, raw.seconds * 1e9 / rows)
    }

    /// The flatten baseline: each documented field looked up with its exact key spelling, kept
    /// when it is a string (no case-insensitive match, no conversion of other values).
    private static func exactLookups(_ resource: JSONValue) -> Int {
        BillingProfileField.all.count(where: { field in
            var value: JSONValue? = resource
            for component in field.pathComponents { value = value?.objectValue?[component] }
            return value?.stringValue != nil
        })
    }

    private func record(_ result: inout ScenarioResult, _ name: String, _ times: (operation: Double, baseline: Double),
                        baseline: String, ratio: String) {
        result.add(name, times.operation, "ns/op")
        result.add("\(name) baseline: \(baseline)", times.baseline, "ns/op")
        result.ratio(ratio, times.operation / max(times.baseline, 0.001))
    }
}
