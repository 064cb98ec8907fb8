import BillingSyncSQLite
import BillingSyncFixtures
import Foundation
import Testing
@testable import BillingSyncStore

/// `StoreSalvage` on real files with overwritten pages.
@Suite("salvage of a damaged database")
struct SalvageTests {
    static let statuses = ["pending", "pushing", "pushed", "conflict", "rejected", "failed"]

    /// A migrated database with `customers` customers and profiles (enough to span many pages),
    /// 120 edits in every status (bases filled by the queue-time trigger), conflicts, history,
    /// runs and checkpoints, written through a plain read-write connection.
    static func populatedDatabase(at path: String, customers: Int = 1500) async throws {
        let writer = try StoreWriter(path: path)
        await writer.close()
        let connection = try Connection(path: path, mode: .readWrite)
        defer { connection.close() }
        try connection.transaction(.immediate) {
            for index in 0..<customers {
                let id = String(format: "%08x-0000-4000-8000-%012x", index, index)
                let padding = String(repeating: "x", count: 300)
                try connection.run("""
                    INSERT INTO customers (id, company_name, first_seen_at, last_seen_at, raw_json)
                    VALUES (?, ?, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', ?)
                    """, [id, "Company \(index)", #"{"id":"\#(id)","pad":"\#(padding)"}"#])
                try connection.run("""
                    INSERT INTO billing_profiles (customer_id, etag, address_city, raw_json, fetched_at)
                    VALUES (?, ?, ?, ?, '2026-12-01T00:00:00.000Z')
                    """, [id, "etag-\(index)", "City \(index)", #"{"defaultAddress":{"city":"City \#(index)"},"pad":"\#(padding)"}"#])
                try connection.run("""
                    INSERT INTO profile_history (customer_id, field, old_value, new_value, detected_at, source)
                    VALUES (?, 'defaultAddress.city', 'Old', ?, '2026-12-01T00:00:00.000Z', 'remote')
                    """, [id, "City \(index)"])
            }
            for edit in 0..<120 {
                let id = String(format: "%08x-0000-4000-8000-%012x", edit * 7, edit * 7)
                // Without a base: the trigger fills it from the mirror, as for any SQL insert.
                try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)",
                                   [id.uppercased(), #"{"defaultAddress":{"city":"Edit \#(edit)"}}"#])
                let status = statuses[edit % statuses.count]
                try connection.run("UPDATE outbox SET status = ?, attempts = ?, request_id = ?, updated_at = '2026-12-02T00:00:00.000Z' WHERE id = ?",
                                   [status, edit % 3, status == "pushing" ? "req-\(edit)" : nil, connection.lastInsertRowID])
                if status == "conflict" {
                    try connection.run("""
                        INSERT INTO conflicts (edit_id, customer_id, local_json, remote_json, fields, detected_at)
                        VALUES (?, ?, '{}', '{}', '["defaultAddress.city"]', '2026-12-02T00:00:00.000Z')
                        """, [connection.lastInsertRowID, id])
                }
            }
            for run in 0..<10 {
                try connection.run("INSERT INTO sync_runs (kind, started_at, status) VALUES ('full', ?, ?)",
                                   ["2026-12-0\(run % 9 + 1)T00:00:00.000Z", run == 9 ? "running" : "ok"])
            }
            for (key, value) in [("full_reconcile.last_success", "2026-12-03T00:00:00.000Z"),
                                 ("full_reconcile.last_success_started", "2026-12-02T23:00:00.000Z"),
                                 ("audit_feed.last_operation_date", "2026-12-03T00:00:01.000Z")] {
                try connection.run("INSERT INTO sync_checkpoints (key, value, updated_at) VALUES (?, ?, '2026-12-03T00:00:00.000Z')",
                                   [key, value])
            }
        }
    }

    /// Every row of `table`, every column, in rowid order.
    static func rows(_ table: String, in connection: Connection) throws -> [[SQLValue]] {
        try connection.query("SELECT * FROM \(table) ORDER BY rowid").map(\.values)
    }

    /// A new database at the current schema for the salvage.
    static func freshDatabase(at path: String) throws -> Connection {
        let connection = try Connection(path: path, mode: .readWriteCreate, options: ConnectionOptions(foreignKeys: false))
        try Migrator(migrations: StoreSchema.migrations).migrate(connection)
        return connection
    }

    @Test("every table of the schema is either salvaged or rebuilt by the reconcile")
    func tablesClassified() async throws {
        let directory = try TemporaryDirectory()
        let writer = try StoreWriter(path: directory.path("fresh.db"))
        await writer.close()
        let connection = try Connection(path: directory.path("fresh.db"), mode: .readOnly)
        let tables = try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
            .compactMap { $0.string("name") }
        #expect(Set(tables) == Set(StoreSalvage.irreplaceableTables + StoreSalvage.rebuildableTables))
        #expect(Set(StoreSalvage.irreplaceableTables).isDisjoint(with: StoreSalvage.rebuildableTables))
    }

    @Test("overwritten mirror pages: every edit, conflict, history row, run and kept checkpoint is salvaged unchanged")
    func mirrorPagesDamaged() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("mirror.db")
        try await Self.populatedDatabase(at: path)
        var before: [String: [[SQLValue]]] = [:]
        do {
            let connection = try Connection(path: path, mode: .readOnly)
            for table in StoreSalvage.irreplaceableTables { before[table] = try Self.rows(table, in: connection) }
            // The trigger filled every base from the mirror; the statuses cover all six.
            #expect(try connection.scalar(Int.self, "SELECT count(*) FROM outbox WHERE base_snapshot IS NULL") == 0)
            #expect(try connection.scalar(Int.self, "SELECT count(DISTINCT status) FROM outbox") == 6)
            connection.close()
        }
        let pages = try DatabaseDamage.overwriteLeafPages(of: ["customers", "billing_profiles"], in: path)
        #expect(pages.count > 20)
        #expect(try IntegrityReport.check(path: path, full: true).isOK == false)

        let source = try Connection(path: path, mode: .readOnly)
        let destination = try Self.freshDatabase(at: directory.path("new.db"))
        let report = try StoreSalvage.salvage(from: source, into: destination,
                                              resetCheckpoints: ["full_reconcile.last_success", "full_reconcile.last_success_started"])
        #expect(report.isComplete, "\(report)")
        for table in StoreSalvage.irreplaceableTables {
            let salvaged = try Self.rows(table, in: destination)
            if table == "sync_checkpoints" {
                #expect(salvaged == before[table]?.filter { $0[0] == .text("audit_feed.last_operation_date") })
            } else {
                #expect(salvaged == before[table], "table \(table) differs")
            }
        }
        #expect(report.tables.first { $0.table == "outbox" }?.salvaged == 120)
        #expect(report.tables.first { $0.table == "conflicts" }?.salvaged == 20)
        #expect(report.tables.first { $0.table == "sync_checkpoints" }?.leftOut == 2)
        for table in StoreSalvage.rebuildableTables where table != "mirror_clock" {
            #expect(try destination.scalar(Int.self, "SELECT count(*) FROM \(table)") == 0)
        }
        #expect(try destination.scalar(Int64.self, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'") == 120)
        #expect(try destination.integrityCheck() == ["ok"])
    }

    @Test("overwritten outbox pages: the readable edits are salvaged unchanged, the lost ones counted exactly")
    func outboxPagesDamaged() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("mirror.db")
        try await Self.populatedDatabase(at: path, customers: 200)
        let reader = try Connection(path: path, mode: .readOnly)
        let before = try Self.rows("outbox", in: reader)
        reader.close()
        let pages = try DatabaseDamage.overwriteLeafPages(of: ["outbox"], in: path, every: 3)
        #expect(!pages.isEmpty)

        let source = try Connection(path: path, mode: .readOnly)
        let destination = try Self.freshDatabase(at: directory.path("new.db"))
        let report = try StoreSalvage.salvage(from: source, into: destination, resetCheckpoints: [])
        let outbox = try #require(report.tables.first { $0.table == "outbox" })
        let salvaged = try Self.rows("outbox", in: destination)
        #expect(!outbox.unreadable.isEmpty)
        #expect(outbox.salvaged == salvaged.count && outbox.salvaged > 0 && outbox.salvaged < 120)
        // count(*) is answered by the intact index outbox_status: the loss is exact.
        #expect(outbox.lost == 120 - outbox.salvaged)
        #expect(!report.isComplete)
        let original = Dictionary(uniqueKeysWithValues: before.map { ($0[0], $0) })
        for row in salvaged { #expect(original[row[0]] == row) }
        // Lost ids fall in the reported unreadable ranges.
        let kept = Set(salvaged.map { $0[0] })
        for row in before where !kept.contains(row[0]) {
            guard case .integer(let id) = row[0] else { continue }
            #expect(outbox.unreadable.contains { $0.contains(id) }, "lost edit \(id) is outside every reported range")
        }
        #expect(report.tables.first { $0.table == "conflicts" }?.lost == 0)
    }
}
