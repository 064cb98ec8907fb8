import BillingSyncConfig
import BillingSyncSQLite
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

    /// One table's rows as stored (each row's values in the order of `columns`).
    struct TableRows {
        let table: String
        let columns: [String]
        let rows: [[SQLValue]]
    }

    /// Inserts the sync's rows `repetitions` times, each into a new database; returns the CPU
    /// seconds of the inserting thread over all repetitions and the profiles inserted each time.
    func measure(repetitions: Int) async throws -> (cpuSeconds: Double, profiles: Int) {
        let source = try Connection(path: sourcePath, mode: .readOnly)
        defer { source.close() }
        let customers = try Self.read(table: "customers", from: source)
        let profiles = try Self.read(table: "billing_profiles", from: source)
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
    static func read(table: String, from source: Connection) throws -> TableRows {
        let rows = try source.query("SELECT * FROM \(table) ORDER BY rowid")
        return TableRows(table: table, columns: rows.first?.columnNames ?? [], rows: rows.map(\.values))
    }

    /// Inserts each table's rows in transactions of the given size; returns the thread's CPU seconds.
    static func insert(_ tables: [(rows: TableRows, perTransaction: Int)], into path: String) throws -> Double {
        let database = try BareSQLite.open(path, flags: SQLITE_OPEN_READWRITE)
        defer { sqlite3_close_v2(database) }
        try BareSQLite.configureLikeTheStore(database)
        let started = threadCPUSeconds()
        for (table, perTransaction) in tables where !table.rows.isEmpty {
            let names = table.columns.joined(separator: ", ")
            let placeholders = table.columns.map { _ in "?" }.joined(separator: ", ")
            let sql = "INSERT INTO \(table.table) (\(names)) VALUES (\(placeholders))"
            let statement = try BareSQLite.prepare(database, sql)
            defer { sqlite3_finalize(statement) }
            var start = 0
            while start < table.rows.count {
                try BareSQLite.exec(database, "BEGIN IMMEDIATE")
                for row in table.rows[start..<min(start + perTransaction, table.rows.count)] {
                    for (offset, value) in row.enumerated() { _ = value.bind(to: statement, at: Int32(offset + 1)) }
                    guard sqlite3_step(statement) == SQLITE_DONE else { throw BareSQLite.failure(database, sql) }
                    sqlite3_reset(statement)
                }
                try BareSQLite.exec(database, "COMMIT")
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
}
