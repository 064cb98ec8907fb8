import BillingSyncStore
import Foundation

/// Scenario 2: profile upserts through `StoreWriter`/`WriteTransaction.saveProfile` against raw
/// inserts of the same rows through the C API.
struct StoreScenario: Sendable {
    let workspace: BenchWorkspace
    let rowCount: Int

    func run() async throws -> ScenarioResult {
        let data = try await ProfileRows.generate(count: rowCount)
        let folder = workspace.root + "/store"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { if !workspace.keep { try? FileManager.default.removeItem(atPath: folder) } }
        let batched = try await Self.storeTime(data, path: folder + "/batched.sqlite", batchSize: 200)
        let single = try await Self.storeTime(data, path: folder + "/single.sqlite", batchSize: data.rows.count)
        let raw = try await Self.rawTime(data, path: folder + "/raw.sqlite")
        let count = Double(data.rows.count)
        var result = ScenarioResult(number: 2, id: "store")
        result.add("rows", count, "rows")
        result.add("store upserts, one transaction", count / single.seconds, "rows/s")
        result.add("store upserts, batches of 200 (the daemon's batch_size)", count / batched.seconds, "rows/s")
        result.add("raw C API inserts, one transaction", count / raw.seconds, "rows/s")
        result.ratio("store (one transaction) / raw", raw.seconds / single.seconds, atLeast: 0.7)
        result.ratio("store (batches of 200) / raw", raw.seconds / batched.seconds, atLeast: 0.7)
        result.notes.append("Both sides: WAL, synchronous=FULL, foreign keys on, customers inserted before the clock starts.")
        result.notes.append("The raw side binds values computed beforehand; the store flattens, hashes and binds per row.")
        return result
    }

    /// Time to insert every profile with raw C API calls (`RawInsertBaseline`) into a new database
    /// at `path` made by the store (schema and customers in place before the clock starts).
    static func rawTime(_ data: ProfileRows, path: String) async throws -> Duration {
        let store = try await data.prepareDatabase(at: path)
        await store.close()
        return try RawInsertBaseline(path: path).insert(data.rows)
    }

    /// Time to save every profile through the store, `batchSize` profiles per transaction, into a
    /// new database at `path` (customers inserted before the clock starts).
    static func storeTime(_ data: ProfileRows, path: String, batchSize: Int) async throws -> Duration {
        let store = try await data.prepareDatabase(at: path)
        let clock = ContinuousClock()
        let started = clock.now
        var start = 0
        while start < data.rows.count {
            let batch = Array(data.rows[start..<min(start + batchSize, data.rows.count)])
            try await store.write { tx in
                let now = Timestamp.now()
                for row in batch {
                    try tx.saveProfile(customerID: row.customer.id, resource: row.resource, rawJSON: row.rawJSON,
                                       fetchedAt: now, changed: true)
                }
            }
            start += batchSize
        }
        let elapsed = started.duration(to: clock.now)
        await store.close()
        return elapsed
    }
}
