import BillingSyncFixtures
import BillingSyncSQLite
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Schema version 7: the database withdraws the seal of a row edited by hand")
struct SealGuardTests {
    let dir: TemporaryDirectory
    let writer: StoreWriter
    let json = DocumentationExamples.getBillingProfileResponse

    init() async throws {
        (dir, writer) = try await StoreFixtures.storeWithAlpha(seenAt: "2026-11-21T10:00:00.000Z")
        let resource = try JSONValue(parsing: json)
        try await writer.write { [json] in
            try $0.saveProfile(customerID: StoreFixtures.alpha, resource: resource, rawJSON: json,
                               fetchedAt: "2026-11-21T10:00:01.000Z", changed: true, sequence: 5)
        }
    }

    func stored() async throws -> StoredProfile {
        try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
    }

    /// Runs `sql` through a connection of its own, as the sqlite3 shell or a reporting tool would.
    func edit(_ sql: String) throws {
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        defer { tool.close() }
        try tool.execute(sql)
    }

    func unchangedSealedFetch(_ rawJSON: String, startSequence: Int64 = 5, customer: CustomerID = StoreFixtures.alpha) async throws -> Bool {
        try await writer.write {
            try $0.saveUnchangedSealedFetch(customerID: customer, rawJSON: rawJSON, startSequence: startSequence,
                                            fetchedAt: "2026-11-21T11:00:00.000Z")
        }
    }

    @Test("a hand edit that changes a sealed value leaves the row without a seal", arguments: [
        "UPDATE billing_profiles SET address_city = 'X'",
        "UPDATE billing_profiles SET address_line2 = ''",
        "UPDATE billing_profiles SET first_name = NULL",
        "UPDATE billing_profiles SET etag = 'other'",
        "UPDATE billing_profiles SET content_hash = lower(hex(randomblob(32)))",
        "UPDATE billing_profiles SET raw_json = replace(raw_json, 'Redmond', 'Seattle')",
        "UPDATE billing_profiles SET status = 'not_found'",
        "UPDATE billing_profiles SET fetched_at = 'now', address_state = 'ZZ'",
    ])
    func handEditWithdrawsSeal(sql: String) async throws {
        #expect(try await stored().rowSeal != nil)
        try edit(sql)
        #expect(try await stored().rowSeal == nil, "\(sql)")
        #expect(try await !unchangedSealedFetch(json), "\(sql)")
    }

    @Test("an edit that changes no sealed value, or writes its values back unchanged, keeps the seal", arguments: [
        "UPDATE billing_profiles SET fetched_at = '2026-11-22T00:00:00.000Z', last_seen_at = fetched_at",
        "UPDATE billing_profiles SET address_city = address_city, etag = etag",
    ])
    func harmlessEditKeepsSeal(sql: String) async throws {
        let before = try await stored()
        try edit(sql)
        let after = try await stored()
        #expect(after.rowSeal == before.rowSeal && after.holdsSealed(rawJSON: json), "\(sql)")
    }

    @Test("billing-sync's own saves keep a valid seal")
    func ownWritesStaySealed() async throws {
        let changed = json.replacingOccurrences(of: "Redmond", with: "Seattle")
        let resource = try JSONValue(parsing: changed)
        try await writer.write {
            try $0.saveProfile(customerID: StoreFixtures.alpha, resource: resource, rawJSON: changed,
                               fetchedAt: "2026-11-21T10:00:02.000Z", changed: true, sequence: 6)
        }
        #expect(try await stored().holdsSealed(rawJSON: changed))
        try await writer.write { try $0.saveUnchangedFetch(customerID: StoreFixtures.alpha, fetchedAt: "2026-11-21T10:00:03.000Z") }
        try await writer.write { try $0.touchProfile(customerID: StoreFixtures.alpha, at: "2026-11-21T10:00:04.000Z") }
        #expect(try await stored().holdsSealed(rawJSON: changed))
    }

    @Test("an unchanged sealed fetch moves only fetched_at and last_seen_at")
    func unchangedSealedFetchSaves() async throws {
        let before = try await stored()
        #expect(try await unchangedSealedFetch(json))
        let after = try await stored()
        #expect(after.fetchedAt == "2026-11-21T11:00:00.000Z")
        #expect(after.changedAt == before.changedAt && after.columns == before.columns && after.rowSeal == before.rowSeal)
        #expect(after.mirrorSequence == before.mirrorSequence && after.rawJSON == before.rawJSON)
    }

    @Test("an unchanged sealed fetch is refused for other bytes, a row written after its start, no row or no seal")
    func unchangedSealedFetchRefuses() async throws {
        #expect(try await !unchangedSealedFetch(json + " "))
        #expect(try await !unchangedSealedFetch(json.replacingOccurrences(of: "Redmond", with: "Redmonc")))
        #expect(try await !unchangedSealedFetch(json, startSequence: 4))
        #expect(try await !unchangedSealedFetch(json, customer: StoreFixtures.beta))
        try edit("UPDATE billing_profiles SET row_seal = NULL")
        #expect(try await !unchangedSealedFetch(json))
        #expect(try await stored().fetchedAt == "2026-11-21T10:00:01.000Z")
    }

    @Test("migrating 6 → 7 withdraws the seals written before the guard")
    func migrationWithdrawsOldSeals() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mirror.db")
        let connection = try Connection(path: path, mode: .readWriteCreate)
        try Migrator(migrations: Array(StoreSchema.migrations.prefix(6))).migrate(connection)
        let id = StoreFixtures.alpha.rawValue
        try connection.run("""
            INSERT INTO customers (id, first_seen_at, last_seen_at, raw_json) VALUES (?1, 'x', 'x', '{}');
            """, [id])
        try connection.run("""
            INSERT INTO billing_profiles (customer_id, address_city, raw_json, content_hash, row_seal, fetched_at)
            VALUES (?1, 'Redmond', '{}', 'h', 'a seal the guard never saw', 'x')
            """, [id])
        connection.close()
        let writer = try StoreWriter(path: path)
        #expect(try await writer.info().schemaVersion == 7)
        #expect(try await writer.read { try $0.profile(StoreFixtures.alpha) }?.rowSeal == nil)
        #expect(try await writer.read { try $0.profile(StoreFixtures.alpha) }?.columns["defaultAddress.city"] == "Redmond")
    }
}
