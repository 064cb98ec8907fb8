import BillingSyncDaemon
import BillingSyncStore
import Foundation

/// `billing-sync status --json` (version 1).
struct StatusJSON: CLIJSON {
    /// The check's result: the verdict is also the exit status.
    struct Check: Codable {
        var verdict: String
        var exitCode: Int32
        var healthFileAgeSeconds: Double?
        var reason: String

        init(_ check: HealthCheck) {
            verdict = check.verdict.name
            exitCode = check.verdict.rawValue
            healthFileAgeSeconds = check.ageSeconds
            reason = check.reason
        }
    }
    struct Customers: Codable { var active: Int; var removed: Int }
    struct Profiles: Codable { var mirrored: Int; var notFound: Int }
    struct RefreshToken: Codable { var lastRefreshedAt: String?; var warning: String? }
    struct Run: Codable {
        var id: Int64, kind: String, status: String, startedAt: String, finishedAt: String?
        var customersSeen: Int, profilesFetched: Int, profilesChanged: Int, customersRemoved: Int, errors: Int
        var message: String?
    }

    var version = 1
    var database: String
    var check: Check
    var health: HealthSnapshot?
    var refreshToken: RefreshToken
    // The store's counts and runs: absent when the database cannot be read (`databaseError`).
    var customers: Customers?
    var profiles: Profiles?
    var edits: [String: Int]?
    var openConflicts: Int?
    var historyRows: Int?
    /// The reconcile's budget plan (null with `--database`).
    var budget: ReconcileBudgetPlan?
    var runs: [Run]?
    /// Why the database could not be read (a damaged file: `SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    var databaseError: String?
}
