import BillingSyncConfig
import BillingSyncStore
import CBillingSyncSQLite
import Foundation

/// Scenario 1's floor of a durable mirror: the rows a sync left in its database (`customers`, then
/// `billing_profiles`, each in the order the sync wrote them) inserted again as stored, into an
/// empty database made by the store (the same schema, indexes and triggers), with bare C API
/// calls: one prepared statement a table, values read before the clock starts, the sync's
/// transactions (a listing page of customers, `batch_size` profiles, each `BEGIN IMMEDIATE` …
/// `COMMIT`), WAL, `synchronous=FULL`, foreign keys on.
///
/// Its thread's CPU time is what keeping these rows durably costs with nothing else: no parse,
/// flattening, hashing, seal, diff, fetch bookkeeping or engine. Added to the raw loop, it is the
/// least CPU a sync that writes this mirror can spend, so `(raw loop + floor) / raw loop` is the
/// lowest `sync / raw loop` ratio any implementation of this schema and durability can reach.
struct BareMirrorFloor {
    /// The sync's database, read only.
    let sourcePath: String
    /// Where the empty databases are made (one a repetition, removed after it).
    let folder: String
    /// Customers a transaction: the sync writes a listing page at a time.
    var customersPerTransaction = SyncSettings().pageSize
    /// Profiles a transaction: the sync's `batch_size`.
    var profilesPerTransaction = SyncSettings().batchSize

    /// One table's rows as stored, with the column names in their order.
    struct TableRows {
        let table: String
        let columns: [String]
        let rows: [[Value]]
    }

    /// One stored value, of its SQLite storage class.
    enum Value {
        case null, integer(Int64), real(Double), text([UInt8]), blob([UInt8])
    }

    /// Inserts the sync's rows `repetitions` times, each into a new database; returns the CPU
    /// seconds of the inserting thread over all repetitions and the profiles inserted each time.
    func measure(repetitions: Int) async throws -> (cpuSeconds: Double, profiles: Int) {
        let customers = try Self.read(table: "customers", from: sourcePath)
        let profiles = try Self.read(table: "billing_profiles", from: sourcePath)
        var cpuSeconds = 0.0
        for repetition in 0..<max(repetitions, 1) {
            let path = folder + "/floor-\(repetition).sqlite"
            try InitialLoadScenario.removeDatabase(at: path)
            let store = try StoreWriter(path: path)
            await store.close()
            cpuSeconds += try Self.insert([(customers, customersPerTransaction), (profiles, profilesPerTransaction)], into: path)
            try InitialLoadScenario.removeDatabase(at: path)
        }
        return (cpuSeconds, profiles.rows.count)
    }

    /// Every row of `table` in rowid order (the order the sync inserted them).
    static func read(table: String, from path: String) throws -> TableRows {
        let database = try open(path, flags: SQLITE_OPEN_READONLY)
        defer { sqlite3_close_v2(database) }
        let statement = try prepare(database, "SELECT * FROM \(table) ORDER BY rowid")
        defer { sqlite3_finalize(statement) }
        let count = sqlite3_column_count(statement)
        let columns = (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [[Value]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw failure(database, "reading \(table)") }
            rows.append((0..<count).map { value(statement, column: $0) })
        }
        return TableRows(table: table, columns: columns, rows: rows)
    }

    /// Inserts each table's rows in transactions of the given size; returns the thread's CPU seconds.
    static func insert(_ tables: [(rows: TableRows, perTransaction: Int)], into path: String) throws -> Double {
        let database = try open(path, flags: SQLITE_OPEN_READWRITE)
        defer { sqlite3_close_v2(database) }
        try exec(database, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        let started = threadCPUSeconds()
        for (table, perTransaction) in tables {
            let names = table.columns.joined(separator: ", ")
            let placeholders = table.columns.map { _ in "?" }.joined(separator: ", ")
            let statement = try prepare(database, "INSERT INTO \(table.table) (\(names)) VALUES (\(placeholders))")
            defer { sqlite3_finalize(statement) }
            var start = 0
            while start < table.rows.count {
                try exec(database, "BEGIN IMMEDIATE")
                for row in table.rows[start..<min(start + perTransaction, table.rows.count)] {
                    for (offset, value) in row.enumerated() { bind(value, at: Int32(offset + 1), to: statement) }
                    guard sqlite3_step(statement) == SQLITE_DONE else { throw failure(database, "inserting into \(table.table)") }
                    sqlite3_reset(statement)
                }
                try exec(database, "COMMIT")
                start += perTransaction
            }
        }
        return threadCPUSeconds() - started
    }

    /// The calling thread's user and system CPU time, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func value(_ statement: OpaquePointer, column: Int32) -> Value {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let text = sqlite3_column_text(statement, column) else { return .text([]) }
            return .text(Array(UnsafeBufferPointer(start: text, count: count)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let blob = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default: return .null
        }
    }

    private static func bind(_ value: Value, at index: Int32, to statement: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let integer): sqlite3_bind_int64(statement, index, integer)
        case .real(let real): sqlite3_bind_double(statement, index, real)
        case .text(let bytes):
            _ = bytes.withUnsafeBufferPointer { buffer in
                // An empty buffer may have no base address; a NULL pointer would bind NULL, not ''.
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return "".withCString { billingsync_bind_text(statement, index, $0, 0) }
                }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    billingsync_bind_text(statement, index, $0, Int32(buffer.count))
                }
            }
        case .blob(let bytes):
            _ = bytes.withUnsafeBytes { billingsync_bind_blob(statement, index, $0.baseAddress, Int32($0.count)) }
        }
    }

    private static func open(_ path: String, flags: Int32) throws -> OpaquePointer {
        var database: OpaquePointer?
        guard sqlite3_open_v2(path, &database, flags, nil) == SQLITE_OK, let database else {
            sqlite3_close_v2(database)
            throw BenchError(.invalidRun, "cannot open \(path)")
        }
        sqlite3_busy_timeout(database, 5_000)
        return database
    }

    private static func prepare(_ database: OpaquePointer, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(database, sql)
        }
        return statement
    }

    private static func exec(_ database: OpaquePointer, _ sql: String) throws {
        guard sqlite3_exec(database, sql, nil, nil, nil) == SQLITE_OK else { throw failure(database, sql) }
    }

    private static func failure(_ database: OpaquePointer, _ doing: String) -> BenchError {
        BenchError(.invalidRun, "\(String(cString: sqlite3_errmsg(database))) (\(doing.prefix(60)))")
    }
}
