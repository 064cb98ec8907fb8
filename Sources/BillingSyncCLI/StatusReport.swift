import BillingSyncDaemon
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
        if let health {
            lines.append("health:   \(health.state) — \(health.summary) (since \(Timestamp.string(from: health.since)), pid \(health.pid))")
            if let error = health.lastError { lines.append("          last error: \(error)") }
        } else {
            lines.append("health:   unknown (no daemon has written a health file)")
        }
        lines.append(refreshTokenText)
        if let warning = refreshTokenWarning { lines.append("warning:  \(warning)") }
        lines.append("customers: \(counts.activeCustomers) active, \(counts.removedCustomers) removed; profiles: \(counts.profiles) (\(counts.profilesNotFound) not found)")
        let edits = EditStatus.allCases.map { "\($0.rawValue) \(counts.editsByStatus[$0] ?? 0)" }.joined(separator: ", ")
        lines.append("edits:     \(edits)")
        lines.append("conflicts: \(counts.openConflicts) open; history rows: \(counts.historyRows)")
        lines.append("recent runs:")
        for run in runs {
            let c = run.counts
            lines.append("  #\(run.id) \(run.kind) \(run.status) \(run.startedAt) → \(run.finishedAt ?? "…"): seen \(c.customersSeen), fetched \(c.profilesFetched), changed \(c.profilesChanged), removed \(c.customersRemoved), errors \(c.errors)\(run.message.map { " — \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    func jsonText() throws -> String {
        var object: [String: Any] = [
            "database": database,
            "customers": ["active": counts.activeCustomers, "removed": counts.removedCustomers],
            "profiles": ["mirrored": counts.profiles, "notFound": counts.profilesNotFound],
            "edits": Dictionary(uniqueKeysWithValues: EditStatus.allCases.map { ($0.rawValue, counts.editsByStatus[$0] ?? 0) }),
            "openConflicts": counts.openConflicts,
            "historyRows": counts.historyRows,
            "runs": runs.map { run -> [String: Any] in
                ["id": run.id, "kind": run.kind, "status": run.status, "startedAt": run.startedAt,
                 "finishedAt": run.finishedAt as Any, "customersSeen": run.counts.customersSeen,
                 "profilesFetched": run.counts.profilesFetched, "profilesChanged": run.counts.profilesChanged,
                 "errors": run.counts.errors, "message": run.message as Any]
            },
        ]
        var token: [String: Any] = [:]
        if let rotated = refreshTokenRotatedAt { token["lastRefreshedAt"] = Timestamp.string(from: rotated) }
        if let warning = refreshTokenWarning { token["warning"] = warning }
        object["refreshToken"] = token
        if let health, let data = try? health.jsonData(), let value = try? JSONSerialization.jsonObject(with: data) {
            object["health"] = value
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
