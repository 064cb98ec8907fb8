import BillingSyncSQLite
import PartnerCenterModels

extension ReadContext {
    /// The customer's recorded field changes, newest first.
    public func history(customerID: CustomerID, limit: Int) throws -> [HistoryRow] {
        let sql = "SELECT * FROM profile_history WHERE customer_id = ? ORDER BY detected_at DESC, id DESC LIMIT ?"
        return try connection.query(sql, [customerID.rawValue, limit]).map { row in
            let sourceText = try row.requiredText("source")
            guard let source = ChangeSource(rawValue: sourceText) else {
                throw StoreError(.corruptRow, "history source \(sourceText.debugDescription) is unknown")
            }
            let entry = HistoryEntry(
                customerID: try row.customerID("customer_id"), field: try row.requiredText("field"),
                oldValue: row.string("old_value"), newValue: row.string("new_value"), oldETag: row.string("old_etag"),
                newETag: row.string("new_etag"), source: source, editID: row.int64("edit_id"))
            return HistoryRow(id: try row.requiredInt64("id"), entry: entry, detectedAt: try row.requiredText("detected_at"))
        }
    }

    /// The values our own pushes of edits wrote to a customer's fields at or after `since`
    /// (history rows of source `push` naming their edit), oldest first: field, value as history
    /// text, the edit, and when.
    public func pushedValues(customerID: CustomerID, since: String)
        throws -> [(field: String, value: String?, editID: Int64, at: String)] {
        let sql = """
            SELECT field, new_value, edit_id, detected_at FROM profile_history
            WHERE customer_id = ? AND detected_at >= ? AND source = ? AND edit_id IS NOT NULL ORDER BY detected_at, id
            """
        return try connection.query(sql, [customerID.rawValue, since, ChangeSource.push.rawValue]).map { row in
            (try row.requiredText("field"), row.string("new_value"), try row.requiredInt64("edit_id"),
             try row.requiredText("detected_at"))
        }
    }

    /// The latest sync runs, newest first.
    public func recentRuns(limit: Int) throws -> [SyncRunRow] {
        try connection.query("SELECT * FROM sync_runs ORDER BY id DESC LIMIT ?", [limit]).map { row in
            let counts = SyncRunCounts(
                customersSeen: row.count("customers_seen"), profilesFetched: row.count("profiles_fetched"),
                profilesChanged: row.count("profiles_changed"), profilesUnchanged: row.count("profiles_unchanged"),
                customersRemoved: row.count("customers_removed"), errors: row.count("errors"))
            return SyncRunRow(
                id: try row.requiredInt64("id"), kind: try row.requiredText("kind"),
                startedAt: try row.requiredText("started_at"), finishedAt: row.string("finished_at"),
                status: try row.requiredText("status"), counts: counts, message: row.string("message"))
        }
    }

    /// Row counts of the mirror.
    public func counts() throws -> StoreCounts {
        let sql = """
            SELECT
              (SELECT count(*) FROM customers WHERE removed_at IS NULL) AS active_customers,
              (SELECT count(*) FROM customers WHERE removed_at IS NOT NULL) AS removed_customers,
              (SELECT count(*) FROM billing_profiles WHERE status = \(ProfileStatus.ok.sql)) AS profiles,
              (SELECT count(*) FROM billing_profiles WHERE status = \(ProfileStatus.notFound.sql)) AS profiles_not_found,
              (SELECT count(*) FROM profile_history) AS history_rows,
              (SELECT count(*) FROM conflicts WHERE resolution IS NULL) AS open_conflicts
            """
        guard let row = try connection.queryFirst(sql, []) else {
            throw StoreError(.corruptRow, "counting rows returned nothing")
        }
        var editsByStatus = Dictionary(uniqueKeysWithValues: EditStatus.allCases.map { ($0, 0) })
        for statusRow in try connection.query("SELECT status, count(*) AS n FROM outbox GROUP BY status", []) {
            if let status = statusRow.string("status").flatMap(EditStatus.init(rawValue:)) {
                editsByStatus[status] = statusRow.count("n")
            }
        }
        return StoreCounts(
            activeCustomers: row.count("active_customers"), removedCustomers: row.count("removed_customers"),
            profiles: row.count("profiles"), profilesNotFound: row.count("profiles_not_found"),
            historyRows: row.count("history_rows"), editsByStatus: editsByStatus,
            openConflicts: row.count("open_conflicts"))
    }
}
