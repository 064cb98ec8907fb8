import ArgumentParser
import BillingSyncSQLite
import Foundation

/// `billing-sync-bench reader` (hidden): a reporting tool in its own process, looping queries on
/// the views through a read-only connection with no busy timeout (so any `SQLITE_BUSY` is seen,
/// not waited out), until a stop file appears. Writes `ReaderStatistics` as JSON.
struct ReaderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reader", abstract: "Loop reporting queries on the views; record latency and SQLITE_BUSY.",
        shouldDisplay: false)

    /// The queries, run in turn: a page of `current_profiles` from a random key, the latest drift.
    static let queries = [
        """
        SELECT customer_id, customer_company_name, address_city, address_country, email, etag
        FROM current_profiles WHERE customer_id >= ? ORDER BY customer_id LIMIT 100
        """,
        """
        SELECT detected_at, company_name, field, old_value, new_value, source
        FROM recent_drift ORDER BY detected_at DESC LIMIT 100
        """,
    ]

    @Option(name: .long, help: "The mirror database.") var database: String
    @Option(name: .long, help: "Stop once this file exists.") var stopFile: String
    @Option(name: .long, help: "Where to write the statistics (JSON).") var output: String
    @Option(name: .long, help: "Pause between queries in milliseconds.") var pauseMs = 10

    func run() async throws {
        let connection = try Connection(path: database, mode: .readOnly, options: ConnectionOptions(busyTimeout: .zero))
        var statistics = ReaderStatistics()
        var latencies: [Double] = []
        let clock = ContinuousClock()
        var number = 0
        while !FileManager.default.fileExists(atPath: stopFile) {
            let sql = Self.queries[number % Self.queries.count]
            let key = String(format: "%08x", UInt32.random(in: .min ... .max))
            let started = clock.now
            do {
                if number % Self.queries.count == 0 {
                    _ = try connection.query(sql, [key])
                } else {
                    _ = try connection.query(sql)
                }
                latencies.append(started.duration(to: clock.now).seconds * 1000)
            } catch let error as SQLiteError where error.code.primary == .busy || error.code.primary == .locked {
                statistics.busy += 1
                statistics.firstError = statistics.firstError ?? error.description
            } catch {
                statistics.errors += 1
                statistics.firstError = statistics.firstError ?? "\(error)"
            }
            number += 1
            try await Task.sleep(for: .milliseconds(pauseMs))
        }
        connection.close()
        statistics.record(latencies)
        try JSONEncoder().encode(statistics).write(to: URL(fileURLWithPath: output))
    }
}

/// What the reader saw.
struct ReaderStatistics: Sendable, Codable {
    var queries = 0
    var busy = 0
    var errors = 0
    var p50Milliseconds = 0.0
    var p99Milliseconds = 0.0
    var maxMilliseconds = 0.0
    var firstError: String?

    mutating func record(_ latencies: [Double]) {
        let percentiles = Percentiles(latencies)
        queries = latencies.count
        p50Milliseconds = percentiles.p50
        p99Milliseconds = percentiles.p99
        maxMilliseconds = percentiles.max
    }
}
