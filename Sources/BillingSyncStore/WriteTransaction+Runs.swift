import BillingSyncSQLite

extension WriteTransaction {
    /// Run kinds `sync_runs.kind` accepts.
    public static let runKinds: Set<String> = ["full", "incremental", "push", "azure"]
    /// Final statuses `finishRun` accepts.
    public static let finishedRunStatuses: Set<String> = ["ok", "failed", "interrupted"]

    /// Starts a sync run (`running`, started now); returns its id.
    public func beginRun(kind: String) throws -> Int64 {
        guard Self.runKinds.contains(kind) else {
            throw StoreError(.invalidArgument, "run kind \(kind.debugDescription) is not one of \(Self.runKinds.sorted())")
        }
        let connection = try self.connection
        try connection.run("INSERT INTO sync_runs (kind, started_at, status) VALUES (?, ?, 'running')",
                           [kind, timestamp()])
        return connection.lastInsertRowID
    }

    /// Ends a sync run with its final status and counters.
    public func finishRun(id: Int64, status: String, counts: SyncRunCounts, message: String?) throws {
        guard Self.finishedRunStatuses.contains(status) else {
            throw StoreError(.invalidArgument, "run status \(status.debugDescription) is not one of \(Self.finishedRunStatuses.sorted())")
        }
        let sql = """
            UPDATE sync_runs SET finished_at = ?, status = ?, customers_seen = ?, profiles_fetched = ?,
                profiles_changed = ?, profiles_unchanged = ?, customers_removed = ?, errors = ?, message = ?
            WHERE id = ?
            """
        try requireChange(sql, [timestamp(), status, counts.customersSeen, counts.profilesFetched,
                                counts.profilesChanged, counts.profilesUnchanged, counts.customersRemoved,
                                counts.errors, message, id], missing: "sync run \(id)")
    }

    /// Marks runs left `running` by a previous process as `interrupted` (call at start-up);
    /// returns how many there were.
    @discardableResult
    public func markInterruptedRuns() throws -> Int {
        let connection = try self.connection
        try connection.run("UPDATE sync_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
                           [timestamp()])
        return connection.changes
    }

    /// Runs an UPDATE that must hit a row; throws `notFound` naming `missing` otherwise.
    func requireChange(_ sql: String, _ bindings: [SQLBindable?], missing: String) throws {
        let connection = try self.connection
        try connection.run(sql, bindings)
        guard connection.changes > 0 else { throw StoreError(.notFound, "\(missing) does not exist") }
    }
}
