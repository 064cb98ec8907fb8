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
        let batched = try await storeTime(data, path: folder + "/batched.sqlite", batchSize: 200)
        let single = try await storeTime(data, path: folder + "/single.sqlite", batchSize: data.rows.count)
        let rawStore = try await data.prepareDatabase(at: folder + "/raw.sqlite")
        await rawStore.close()
        let raw = try RawInsertBaseline(path: folder + "/raw.sqlite").insert(data.rows)
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

    /// Time to save every profile through the store, `batchSize` profiles per transaction.
    private func storeTime(_ data: ProfileRows, path: String, batchSize: Int) async throws -> Duration {
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
