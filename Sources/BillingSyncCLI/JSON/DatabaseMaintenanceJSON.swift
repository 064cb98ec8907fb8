/// `billing-sync db check --json` (version 1).
struct DatabaseCheckJSON: CLIJSON {
    var version = 1
    var path: String
    /// `integrity_check` or `quick_check`.
    var check: String
    /// `ok`, `damaged` or `unknown` (the check could not run).
    var verdict: String
    var exitCode: Int32
    /// SQLite's findings (or why the check could not run); empty when ok.
    var problems: [String]
}

/// `billing-sync db backup --json` (version 1).
struct DatabaseBackupJSON: CLIJSON {
    var version = 1
    var database: String
    var backup: String
    var bytes: Int64
    /// Always `ok`: a copy that fails the check is discarded and the command fails.
    var integrityCheck = "ok"
    /// Older backups removed by `--keep`.
    var removed: [String]
}

/// `billing-sync db recover --json` (version 1).
struct DatabaseRecoverJSON: CLIJSON {
    struct Table: Codable {
        var table: String
        var salvaged: Int
        var leftOut: Int
        var refused: Int
        /// nil when unknown (rows were skipped and the damaged file cannot count them).
        var lost: Int?
        /// Skipped rowid ranges, `[first, last]`.
        var unreadable: [[Int64]]
        var firstProblem: String?
    }
    var version = 1
    var from: String
    var to: String
    /// Every row of every salvaged table is in the new database.
    var complete: Bool
    var tables: [Table]
    /// Tables left empty for the next reconcile to fill.
    var rebuildable: [String]
}
