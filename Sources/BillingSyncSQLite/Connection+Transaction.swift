import CBillingSyncSQLite

extension Connection {
    /// Runs `body` inside `BEGIN IMMEDIATE` (or `BEGIN DEFERRED`) … `COMMIT`.
    ///
    /// When `body` throws, the transaction is rolled back and the original error rethrown; when
    /// `COMMIT` fails, it is rolled back and the commit error thrown. Transactions do not nest:
    /// calling this inside an open transaction throws an ``SQLiteError`` with code `.misuse`.
    /// - Throws: ``SQLiteError`` with code `.busy` when the write lock is not free within the
    ///   busy timeout (for `.immediate`).
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        let database = try openHandle()
        guard sqlite3_get_autocommit(database) != 0 else {
            throw SQLiteError(
                code: .misuse,
                message: "transaction() called inside an open transaction; nested transactions are not supported",
                sql: kind.beginStatement
            )
        }
        let injected = kind == .immediate ? options.storageFaults : nil
        if let code = injected?.fault(at: .begin) {
            throw SQLiteError(code: code, message: "injected storage fault", sql: kind.beginStatement)
        }
        try run(kind.beginStatement)  // prepared once (cached), not parsed per transaction
        let value: T
        do {
            value = try body()
        } catch {
            rollbackIfOpen()
            throw error
        }
        do {
            if let code = injected?.fault(at: .commit) {
                throw SQLiteError(code: code, message: "injected storage fault", sql: "COMMIT")
            }
            try run("COMMIT")
        } catch {
            rollbackIfOpen()
            throw error
        }
        return value
    }

    /// Rolls back the open transaction, if SQLite has not already done so.
    func rollbackIfOpen() {
        guard let database = handle, sqlite3_get_autocommit(database) == 0 else { return }
        sqlite3_exec(database, "ROLLBACK", nil, nil, nil)
    }
}
