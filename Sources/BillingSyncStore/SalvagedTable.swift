/// What `StoreSalvage` got out of one table of a damaged database.
public struct SalvagedTable: Sendable, Hashable {
    /// The table.
    public var table: String
    /// Rows copied into the new database, unchanged (ids included).
    public var salvaged = 0
    /// Rows deliberately not copied (checkpoints that would claim the empty mirror is complete).
    public var leftOut = 0
    /// Rows read but refused by the new database (a value its schema rejects); counted in `lost` too.
    public var refused = 0
    /// Rows the damaged table held that are not in the new database: counted with `count(*)` on
    /// the damaged file (often answered from an intact index); nil when that count fails as well
    /// and rows were skipped, so how many were lost is unknown.
    public var lost: Int?
    /// Rowid ranges that could not be read and were skipped (the rows in them, if any, are lost).
    public var unreadable: [ClosedRange<Int64>] = []
    /// The first error met (reading or inserting), for the report.
    public var firstProblem: String?

    /// An empty result for `table`.
    public init(table: String) {
        self.table = table
    }
}

/// What `StoreSalvage.salvage` did, table by table.
public struct SalvageReport: Sendable, Hashable {
    /// The tables only this database holds, in salvage order.
    public var tables: [SalvagedTable]
    /// The mirror's tables, left empty for the next reconcile to fill again.
    public var rebuildable: [String]

    /// `true` when every row of every salvaged table is known to be in the new database.
    public var isComplete: Bool {
        tables.allSatisfy { $0.lost == 0 }
    }
}
