import CBillingSyncSQLite

/// One connection to an SQLite database file.
///
/// Not `Sendable`: a connection belongs to one actor or task at a time (it is opened with
/// `SQLITE_OPEN_NOMUTEX`). Read-write connections run in WAL mode with persistent WAL, foreign
/// keys, `synchronous=FULL` and a busy timeout; read-only connections are also `query_only`.
/// Statements run through ``run(_:_:)`` and the query methods are prepared once and cached by
/// their SQL text. The connection closes in ``close()`` or `deinit`.
public final class Connection {
    /// The database file path as given to `init`.
    public let path: String
    /// How the file was opened.
    public let mode: OpenMode
    /// The options applied at open.
    public let options: ConnectionOptions

    var handle: OpaquePointer?
    var statementCache: [String: Statement] = [:]
    var activeStatements = 0

    /// Opens (or, with `.readWriteCreate`, creates) the database at `path` and configures it.
    /// - Throws: ``SQLiteError`` when the file cannot be opened, is not a database, or WAL mode
    ///   cannot be enabled.
    public init(path: String, mode: OpenMode, options: ConnectionOptions = .init()) throws {
        self.path = path
        self.mode = mode
        self.options = options
        if mode == .readWriteCreate { Self.createFileIfMissing(path, permissions: options.creationMode) }
        var database: OpaquePointer?
        let code = sqlite3_open_v2(path, &database, mode.flags | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let database else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            let extended = database.map { sqlite3_extended_errcode($0) } ?? code
            sqlite3_close_v2(database)
            throw SQLiteError(code: ResultCode(rawValue: extended), message: "\(message): \(path)")
        }
        handle = database
        do {
            try configure()
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
    }

    /// `true` until ``close()``.
    public var isOpen: Bool { handle != nil }

    /// Finalizes the cached statements and closes the database. Idempotent.
    /// Must not be called from inside a ``forEachRow(_:_:_:)`` body.
    public func close() {
        guard let database = handle else { return }
        precondition(activeStatements == 0, "Connection.close() called while a statement is running")
        for statement in statementCache.values {
            statement.finalize()
        }
        statementCache.removeAll()
        sqlite3_close_v2(database)
        handle = nil
    }

    /// Runs one or more SQL statements separated by `;`, without bindings (schema scripts, pragmas).
    public func execute(_ sql: String) throws {
        let database = try openHandle()
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(database, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard code == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(database))
            throw SQLiteError(code: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }

    /// The rowid of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE` on this connection.
    public var changes: Int {
        handle.map { Int(sqlite3_changes($0)) } ?? 0
    }

    /// `true` while a transaction is open on this connection.
    public var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// Finalizes all cached statements (they are prepared again on next use).
    public func clearStatementCache() {
        for (sql, statement) in statementCache where !statement.isInUse {
            statement.finalize()
            statementCache[sql] = nil
        }
    }

    func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(code: .misuse, message: "the connection to \(path) is closed")
        }
        return handle
    }
}

extension OpenMode {
    var flags: Int32 {
        switch self {
        case .readOnly: SQLITE_OPEN_READONLY
        case .readWrite: SQLITE_OPEN_READWRITE
        case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
    }
}
