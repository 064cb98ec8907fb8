import ArgumentParser
import BillingSyncDaemon
import BillingSyncSQLite
import BillingSyncStore
import Foundation

/// `billing-sync status [--json]`: last runs, counts, pending edits, conflicts, health.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's health, last runs, edits and conflicts; usable as a monitoring check.",
        discussion: """
        Exit status (Nagios plugin convention):
          0  healthy: the daemon runs and is healthy
          1  degraded: the daemon runs but is not healthy (starting, degraded, unreachable,
             rate_limited, database_locked, forbidden, credentials_expired, database_corrupt)
          2  down: the health file is older than twice its write interval, or its pid is not running
          3  unknown: no health file, an unreadable one, or an unknown state
        The health file's age is printed on the `check:` line (JSON: check.healthFileAgeSeconds).
        """)

    @OptionGroup var options: ReadOnlyOptions

    @Flag(name: .long, help: "Print JSON instead of text (docs/cli-json.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "Print nothing; only the exit status tells.")
    var quiet = false

    func run() throws {
        let settings = try options.configuration()?.sync
        let path = try options.databasePath()
        let health = try? HealthFile(databasePath: path).read()
        let counts: StoreCounts, runs: [SyncRunRow]
        do {
            let reader = try StoreReader(path: path)
            (counts, runs) = try reader.read { (try $0.counts(), try $0.recentRuns(limit: 5)) }
        } catch let error as SQLiteError where error.isCorruption {
            // A damaged file: what the daemon wrote in its health file is all there is to show.
            let check = HealthCheck.evaluate(health)
            if json {
                try StatusReport.damagedJSON(database: path, health: health, check: check, error: error,
                                             refreshTokenRotatedAt: RefreshTokenFile(databasePath: path).lastRefreshed()).printJSON()
            } else if !quiet {
                print(StatusReport.damagedText(database: path, health: health, check: check, error: error))
            }
            throw ExitCode(max(check.verdict.rawValue, HealthCheck.Verdict.degraded.rawValue))
        }
        let report = StatusReport(database: path, health: health, counts: counts, runs: runs,
                                  refreshTokenRotatedAt: RefreshTokenFile(databasePath: path).lastRefreshed(),
                                  check: HealthCheck.evaluate(health),
                                  budget: settings.map { ReconcileBudgetPlan(customers: counts.activeCustomers, settings: $0) })
        if json {
            try report.json().printJSON()
        } else if !quiet {
            print(report.text())
        }
        if report.check.verdict != .healthy { throw ExitCode(report.check.verdict.rawValue) }
    }
}
