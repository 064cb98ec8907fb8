import ArgumentParser
import BillingSyncDaemon
import BillingSyncStore
import Foundation

/// `billing-sync status [--json]`: last runs, counts, pending edits, conflicts, health.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",abstract: "Show the daemon's health, last runs, edits and conflicts.")

    @OptionGroup var options: ReadOnlyOptions

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let path = try options.databasePath()
        let reader = try StoreReader(path: path)
        let (counts, runs) = try reader.read { (try $0.counts(), try $0.recentRuns(limit: 5)) }
        let health = try? HealthFile(databasePath: path).read()
        let report = StatusReport(database: path, health: health, counts: counts, runs: runs,
                                  refreshTokenRotatedAt: RefreshTokenFile(databasePath: path).lastRefreshed())
        if json {
            print(try report.jsonText())
        } else {
            print(report.text())
        }
    }
}
