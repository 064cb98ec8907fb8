import BillingSyncSQLite
import Foundation
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Schema and migrations")
struct SchemaTests {
    /// The statement docs/schema.md tells reporting tools to use.
    static let documentedInsert =
        #"INSERT INTO outbox (customer_id, patch) VALUES ('eebd1b55-5360-4438-a11d-5c06918c3014', '{"defaultAddress":{"city":"Seattle"}}');"#

    /// A reporting tool pages `current_profiles` by customer id; on a 100k mirror the plan of
    /// version 3 sorted every customer for each page (~100 ms).
    @Test("a page of current_profiles by customer id walks an index instead of sorting every customer")
    func currentProfilesPagesByIndex() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        await writer.close()
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        let plan = try raw.query("""
            EXPLAIN QUERY PLAN SELECT customer_id, address_city FROM current_profiles
            WHERE customer_id >= ? ORDER BY customer_id LIMIT 100
            """, ["5"]).compactMap { $0.string("detail") }
        #expect(plan.contains { $0.contains("customers_active_by_id") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test("an empty file is migrated to the current version with every table, view and index")
    func migratesEmptyFile() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let info = try await writer.info()
        #expect(info.schemaVersion == Int(StoreSchema.currentVersion))
        #expect(Set(info.tables.map(\.table)).isSuperset(of: [
            "customers", "billing_profiles", "profile_history", "outbox", "conflicts", "sync_runs", "sync_checkpoints",
        ]))
        #expect(Set(info.tables.map(\.table)).isSuperset(of: [
            "azure_customers", "azure_customer_plans", "azure_customer_resellers", "azure_customer_history",
        ]), "migration 2 adds the Azure tables")
        #expect(info.fileSize > 0)
        await writer.close()

        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        let objects = try raw.query("SELECT type, name FROM sqlite_schema").map { "\($0.string("type")!):\($0.string("name")!)" }
        for view in ["current_profiles", "recent_drift", "open_conflicts", "pending_edits"] {
            #expect(objects.contains("view:\(view)"))
            #expect(try raw.query("SELECT * FROM \(view)").isEmpty)
        }
        for index in ["profile_history_customer_time", "outbox_status", "customers_active_by_id"] {
            #expect(objects.contains("index:\(index)"))
        }
        let profileColumns = try raw.query("SELECT name FROM pragma_table_info('billing_profiles')").compactMap { $0.string("name") }
        for field in BillingProfileField.all {
            #expect(profileColumns.contains(field.column), "billing_profiles lacks \(field.column)")
        }
    }

    @Test("reopening a migrated file keeps its data and version")
    func reopen() async throws {
        let dir = try TemporaryDirectory()
        let first = try StoreWriter(path: dir.path("mirror.db"))
        try await first.write { try $0.setCheckpoint("audit", "2026-11-20") }
        await first.close()
        let second = try StoreWriter(path: dir.path("mirror.db"))
        #expect(try await second.read { try $0.checkpoint("audit") } == "2026-11-20")
        #expect(try await second.info().schemaVersion == Int(StoreSchema.currentVersion))
    }

    @Test("the plain INSERT documented in docs/schema.md is read back as a pending edit with defaults")
    func plainSQLInsert() async throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/schema.md")
        #expect(try String(contentsOf: docs, encoding: .utf8).contains(Self.documentedInsert))

        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let versionBefore = try await writer.dataVersion()
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        try tool.execute(Self.documentedInsert)
        tool.close()
        #expect(try await writer.dataVersion() != versionBefore, "the daemon notices external inserts")

        let edits = try await writer.read { try $0.edits(status: .pending, limit: 10) }
        let edit = try #require(edits.first)
        #expect(edits.count == 1)
        #expect(edit.customerIDText == "eebd1b55-5360-4438-a11d-5c06918c3014")
        #expect(edit.patchText == #"{"defaultAddress":{"city":"Seattle"}}"#)
        #expect(edit.status == .pending && edit.attempts == 0 && edit.queuedBy == "sql")
        #expect(edit.baseETag == nil && edit.baseSnapshot == nil && edit.requestID == nil && edit.updatedAt == nil)
        let created = try #require(Timestamp.date(from: edit.createdAt))
        #expect(abs(created.timeIntervalSinceNow) < 60 && edit.createdAt.count == 24, "\(edit.createdAt)")
        #expect(try await writer.read { try $0.edits(status: .pushed, limit: 10) }.isEmpty)
    }

    @Test("a plain INSERT with a malformed customer id is stored, to be rejected later")
    func malformedInsertIsKept() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        try tool.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)", ["../not-a-guid", "not json"])
        tool.close()
        let edit = try #require(try await writer.read { try $0.edits(status: nil, limit: 10) }.first)
        #expect(edit.customerIDText == "../not-a-guid" && edit.status == .pending)
    }
}
