import BillingSyncSQLite

/// Copies what only this database holds out of a damaged file into a fresh database, row by row,
/// skipping what cannot be read (`billing-sync db recover`).
///
/// The system SQLite of Debian 12 (3.40) has no recovery extension in the library
/// (`sqlite3_recover_*` lives only in the `sqlite3` shell there), so this is a row-by-row salvage:
/// each table is read in rowid order (`WHERE rowid > ? ORDER BY rowid LIMIT ?`); when a read
/// fails (a damaged page) it goes on one row at a time, and past a row it cannot read it looks
/// for the next rowid it can seek to (doubling the jump, then halving back), recording the
/// skipped rowid range. Every salvaged row keeps its rowid, so edits keep their ids.
public enum StoreSalvage {
    /// The tables only this database holds, in the order they are copied (an edit before its
    /// conflicts and its address checks, whose suggestions an edit waiting in review needs).
    public static let irreplaceableTables = [
        "outbox", "conflicts", "address_validations", "profile_history", "azure_customer_history", "sync_runs",
        "sync_checkpoints",
    ]

    /// The mirror's tables, which the next full reconcile (and Azure pass) fills again from
    /// Partner Center and ARM, and the country rules, fetched again on first need; left empty in
    /// the new database.
    public static let rebuildableTables = [
        "customers", "billing_profiles", "profile_retry", "mirror_clock",
        "azure_customers", "azure_customer_plans", "azure_customer_resellers",
        "country_rules",
    ]

    /// Rows read per query while nothing fails.
    static let batchSize = 256

    /// Copies the irreplaceable tables of `source` (opened read-only on the damaged file) into
    /// `destination`, a new database already migrated to the current schema (`StoreSchema`).
    ///
    /// `destination` must be opened with `foreignKeys: false`: `profile_history` refers to
    /// `customers`, which stays empty until the next reconcile lists the customers again.
    /// `sync_checkpoints` rows whose key is in `resetCheckpoints` are left out (the ones that say
    /// a full reconcile or Azure pass completed: with them the empty mirror would look complete
    /// and not be rebuilt until the next scheduled pass).
    ///
    /// The `outbox` triggers (schema version 3) and a salvaged edit: `outbox_queue_time_base`
    /// runs after each insert, but it cannot change the row. It lower-cases `customer_id`, which
    /// every stored row already is (the trigger ran when the edit was first queued, and the version 3
    /// migration normalised older rows), and it fills the base only when `base_snapshot` is NULL
    /// *and* `billing_profiles` has a row for the customer, which the fresh database does not
    /// (this copies no mirror table). `outbox_pushed_is_final` guards `UPDATE`s only. So each edit
    /// keeps its stored id, base, status, attempts and `request_id`; an edit left `pushing` stays
    /// in doubt and goes through the pusher's recovery (read first, never PUT twice).
    public static func salvage(from source: Connection, into destination: Connection,
                               resetCheckpoints: Set<String>) throws -> SalvageReport {
        var tables: [SalvagedTable] = []
        for table in irreplaceableTables {
            let skip: (Row) -> Bool = table == "sync_checkpoints"
                ? { row in row.string("key").map(resetCheckpoints.contains) ?? false }
                : { _ in false }
            tables.append(try salvage(table, from: source, into: destination, leaveOut: skip))
        }
        try carryOverSequence("outbox", from: source, into: destination)
        return SalvageReport(tables: tables, rebuildable: rebuildableTables)
    }

    /// Salvages one table; a table missing from either side (an older schema) is reported empty.
    static func salvage(_ table: String, from source: Connection, into destination: Connection,
                        leaveOut: (Row) -> Bool) throws -> SalvagedTable {
        var result = SalvagedTable(table: table)
        let sourceColumns = Set(try columns(of: table, in: source))
        let columns = try columns(of: table, in: destination).filter(sourceColumns.contains)
        guard !columns.isEmpty else { return result }
        let list = columns.map(SQLIdentifier.quoted).joined(separator: ", ")
        let select = "SELECT rowid, \(list) FROM \(SQLIdentifier.quoted(table)) WHERE rowid > ? ORDER BY rowid LIMIT ?"
        let insert = "INSERT INTO \(SQLIdentifier.quoted(table)) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
        var after = Int64.min
        var batch = batchSize
        try destination.transaction(.immediate) {
            while true {
                let rows: [Row]
                do {
                    rows = try source.query(select, [after, batch])
                } catch {
                    result.firstProblem = result.firstProblem ?? "reading after rowid \(after): \(error)"
                    if batch > 1 {
                        batch = 1  // read up to the damaged row one at a time
                        continue
                    }
                    guard let next = nextReadable(after: after, table: table, in: source) else {
                        result.unreadable.append(after + 1 ... Int64.max)
                        break
                    }
                    result.unreadable.append(after + 1 ... next)
                    after = next
                    continue
                }
                guard !rows.isEmpty else { break }
                for row in rows {
                    after = Int64(sqlValue: row[0]) ?? after
                    if leaveOut(row) {
                        result.leftOut += 1
                        continue
                    }
                    do {
                        try destination.run(insert, Array(row.values.dropFirst()))
                        result.salvaged += 1
                    } catch {
                        result.refused += 1
                        result.firstProblem = result.firstProblem ?? "row \(after) refused: \(error)"
                    }
                }
                batch = batchSize
            }
        }
        let held = try? source.scalar(Int.self, "SELECT count(*) FROM \(SQLIdentifier.quoted(table))")
        if let held {
            result.lost = max(0, held - result.salvaged - result.leftOut)
        } else if result.unreadable.isEmpty {
            result.lost = result.refused
        }
        return result
    }

    /// The smallest rowid past `after` from which `table` can be read again (the seek succeeds,
    /// possibly finding no more rows), or nil when there is none: jumps 1, 2, 4, … ahead until a
    /// read succeeds, then halves the last jump back to the first one that does.
    static func nextReadable(after: Int64, table: String, in source: Connection) -> Int64? {
        let probe = "SELECT rowid FROM \(SQLIdentifier.quoted(table)) WHERE rowid > ? ORDER BY rowid LIMIT 1"
        func readable(_ rowid: Int64) -> Bool { (try? source.query(probe, [rowid])) != nil }
        var failing = after
        var working: Int64
        var step: Int64 = 1
        while true {
            let (candidate, overflow) = after.addingReportingOverflow(step)
            // Past the end of the rowids (or no longer moving, once the jump is as large as it
            // gets), the last try is the very end.
            let target = overflow || candidate <= failing ? Int64.max : candidate
            if readable(target) {
                working = target
                break
            }
            if target == Int64.max { return nil }
            failing = target
            step = step > Int64.max / 2 ? Int64.max : step * 2
        }
        while working > failing + 1 {
            // The midpoint without overflow, even across zero.
            let middle = (failing & working) + ((failing ^ working) >> 1)
            if readable(middle) { working = middle } else { failing = middle }
        }
        return working
    }

    /// Keeps `AUTOINCREMENT` from handing out an id the damaged file had used (for an edit that
    /// may have been lost): the new sequence is at least the old one, when it can still be read.
    static func carryOverSequence(_ table: String, from source: Connection, into destination: Connection) throws {
        guard let old = try? source.scalar(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = ?", [table]) else { return }
        try destination.transaction(.immediate) {
            try destination.run("INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)",
                                [table, table])
            try destination.run("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?", [old, table])
        }
    }

    /// The columns of `table` in `connection`, in declaration order (empty when there is no such table).
    static func columns(of table: String, in connection: Connection) throws -> [String] {
        try connection.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]).compactMap { $0.string("name") }
    }

}
