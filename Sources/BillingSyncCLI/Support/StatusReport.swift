import BillingSyncDaemon
import BillingSyncSQLite
import BillingSyncStore
import Foundation

/// What `billing-sync status` shows, as text or JSON.
struct StatusReport {
    let database: String
    let health: HealthSnapshot?
    let counts: StoreCounts
    let runs: [SyncRunRow]
    /// When the daemon last kept a rotated refresh token (nil: none kept yet).
    let refreshTokenRotatedAt: Date?
    /// The health file judged as a check (verdict = exit status).
    let check: HealthCheck
    /// The reconcile's budget plan (nil with `--database`: no configuration was read).
    let budget: ReconcileBudgetPlan?
    var now = Date()

    /// The refresh-token line of the text report.
    var refreshTokenText: String {
        guard let rotated = refreshTokenRotatedAt else {
            return "refresh token: none rotated yet (the credential file's token is used)"
        }
        return "refresh token: last refreshed \(Timestamp.string(from: rotated)) (kept in \(database).refresh-token)"
    }

    /// The warning shown when the refresh token may expire soon.
    var refreshTokenWarning: String? {
        refreshTokenRotatedAt.flatMap { RefreshTokenFile.expiryWarning(lastRefreshed: $0, now: now) }
    }

    func text() -> String {
        var lines: [String] = []
        lines.append("database: \(database)")
        lines.append(contentsOf: Self.healthLines(health, check: check))
        lines.append(refreshTokenText)
        if let warning = refreshTokenWarning { lines.append("warning:  \(warning)") }
        lines.append("customers: \(counts.activeCustomers) active, \(counts.removedCustomers) removed; profiles: \(counts.profiles) (\(counts.profilesNotFound) not found)")
        let edits = EditStatus.allCases.map { "\($0.rawValue) \(counts.editsByStatus[$0] ?? 0)" }.joined(separator: ", ")
        lines.append("edits:     \(edits)")
        if let waiting = counts.editsByStatus[.needsReview], waiting > 0 {
            lines.append("review:    \(waiting) edit\(waiting == 1 ? "" : "s") waiting for address review (see `billing-sync review`)")
        }
        lines.append("conflicts: \(counts.openConflicts) open; history rows: \(counts.historyRows)")
        if let budget {
            lines += budget.lines.enumerated().map { ($0.offset == 0 ? "budget:    " : "           ") + $0.element }
        } else {
            lines.append("budget:    not planned (--database reads no configuration; pass --config)")
        }
        lines.append("recent runs:")
        for run in runs {
            let c = run.counts
            lines.append("  #\(run.id) \(run.kind) \(run.status) \(run.startedAt) → \(run.finishedAt ?? "…"): seen \(c.customersSeen), fetched \(c.profilesFetched), changed \(c.profilesChanged), removed \(c.customersRemoved), errors \(c.errors)\(run.message.map { " — \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// The health and check lines of the text report.
    static func healthLines(_ health: HealthSnapshot?, check: HealthCheck) -> [String] {
        guard let health else {
            return ["health:   unknown (no daemon has written a health file)", "check:    unknown (exit 3): \(check.reason)"]
        }
        var lines = ["health:   \(health.state) — \(health.summary) (since \(Timestamp.string(from: health.since)), pid \(health.pid))"]
        if let error = health.lastError { lines.append("          last error: \(error)") }
        lines.append("check:    \(check.verdict.name) (exit \(check.verdict.rawValue)): \(check.reason); health file written \(Int(check.ageSeconds ?? 0))s ago")
        return lines
    }

    /// The text report when the database itself cannot be read (SQLite reports it damaged).
    static func damagedText(database: String, health: HealthSnapshot?, check: HealthCheck, error: SQLiteError) -> String {
        (["database: \(database)"] + healthLines(health, check: check) + [
            "DAMAGED:  the database cannot be read: \(error)",
            "          check it with `billing-sync db check`, then restore a backup or `billing-sync db recover` (docs/operations.md)",
        ]).joined(separator: "\n")
    }

    /// The `--json` document of a database that cannot be read: the health file and the check,
    /// the error instead of the store's counts.
    static func damagedJSON(database: String, health: HealthSnapshot?, check: HealthCheck, error: SQLiteError,
                            refreshTokenRotatedAt: Date?) -> StatusJSON {
        StatusJSON(database: database, check: .init(check), health: health,
                   refreshToken: .init(lastRefreshedAt: refreshTokenRotatedAt.map(Timestamp.string(from:)), warning: nil),
                   databaseError: "\(error)")
    }

    /// The `--json` document (docs/cli-json.md).
    func json() -> StatusJSON {
        StatusJSON(
            database: database,
            check: .init(check),
            health: health,
            refreshToken: .init(lastRefreshedAt: refreshTokenRotatedAt.map(Timestamp.string(from:)), warning: refreshTokenWarning),
            customers: .init(active: counts.activeCustomers, removed: counts.removedCustomers),
            profiles: .init(mirrored: counts.profiles, notFound: counts.profilesNotFound),
            edits: Dictionary(uniqueKeysWithValues: EditStatus.allCases.map { ($0.rawValue, counts.editsByStatus[$0] ?? 0) }),
            openConflicts: counts.openConflicts,
            historyRows: counts.historyRows,
            budget: budget,
            runs: runs.map { run in
                StatusJSON.Run(id: run.id, kind: run.kind, status: run.status, startedAt: run.startedAt,
                               finishedAt: run.finishedAt, customersSeen: run.counts.customersSeen,
                               profilesFetched: run.counts.profilesFetched, profilesChanged: run.counts.profilesChanged,
                               customersRemoved: run.counts.customersRemoved, errors: run.counts.errors, message: run.message)
            })
    }
}
