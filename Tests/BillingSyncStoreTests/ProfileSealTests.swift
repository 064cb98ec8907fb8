import BillingSyncSQLite
import BillingSyncFixtures
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Row seals of mirrored profiles, and the guard that withdraws them on a hand edit (schema 7)")
struct ProfileSealTests {
    let dir: TemporaryDirectory
    let writer: StoreWriter
    let json = DocumentationExamples.getBillingProfileResponse

    init() async throws {
        (dir, writer) = try await StoreFixtures.storeWithAlphaProfile(sequence: 5)
    }

    func stored() async throws -> StoredProfile {
        try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
    }

    func edit(_ sql: String) throws {
        try StoreFixtures.runAsTool(sql, in: dir)
    }

    @Test("a saved row is sealed: the same bytes pass, one changed byte does not")
    func sameBytesOnly() async throws {
        let profile = try await stored()
        #expect(profile.rowSeal?.count == 64)
        #expect(profile.holdsSealed(rawJSON: json))
        // One byte of the ETag, one byte of a field, one byte of whitespace.
        #expect(!profile.holdsSealed(rawJSON: json.replacingOccurrences(of: "<etag>", with: "<etaG>")))
        #expect(!profile.holdsSealed(rawJSON: json.replacingOccurrences(of: "Redmond", with: "Redmonc")))
        #expect(!profile.holdsSealed(rawJSON: json + " "))
    }

    @Test("canonically equivalent text in other bytes is another body")
    func bytesNotCharacters() async throws {
        // Equal as Swift Strings (é precomposed, and e + combining accent), different bytes.
        let precomposed = json.replacingOccurrences(of: "Redmond", with: "Redm\u{E9}nd")
        let decomposed = json.replacingOccurrences(of: "Redmond", with: "Redme\u{301}nd")
        #expect(precomposed == decomposed)
        let resource = try JSONValue(parsing: precomposed)
        try await writer.write {
            try $0.saveProfile(customerID: StoreFixtures.alpha, resource: resource, rawJSON: precomposed,
                               fetchedAt: "2026-11-21T10:00:02.000Z", changed: true)
        }
        let profile = try await stored()
        #expect(profile.holdsSealed(rawJSON: precomposed))
        #expect(!profile.holdsSealed(rawJSON: decomposed))
    }

    @Test("a row saved before seals existed is not taken as sealed; an unchanged fetch seals it")
    func unsealedRow() async throws {
        try edit("UPDATE billing_profiles SET row_seal = NULL")
        let before = try await stored()
        #expect(before.rowSeal == nil && !before.holdsSealed(rawJSON: json))
        let resource = try JSONValue(parsing: json)
        let seal = ProfileSeal.of(etag: before.etag, columns: ProfileColumns.values(resource),
                                  contentHash: ContentHash.of(resource: resource), rawJSON: json)
        let saved = try await writer.write {
            try $0.saveUnchangedFetch(customerID: StoreFixtures.alpha, fetchedAt: "2026-11-21T11:00:00.000Z", seal: seal)
        }
        let after = try await stored()
        #expect(saved && after.holdsSealed(rawJSON: json) && after.fetchedAt == "2026-11-21T11:00:00.000Z")
        #expect(after.changedAt == before.changedAt && after.columns == before.columns)
        let missing = try await writer.write {
            try $0.saveUnchangedFetch(customerID: StoreFixtures.beta, fetchedAt: "2026-11-21T11:00:00.000Z")
        }
        #expect(!missing)
    }

    @Test("a seal covers each value once: moving text between values changes it")
    func unambiguous() {
        let hash = String(repeating: "0", count: 64)
        let a = ProfileSeal.of(etag: "ab", columns: ["c", nil], contentHash: hash, rawJSON: "{}")
        let b = ProfileSeal.of(etag: "a", columns: ["bc", nil], contentHash: hash, rawJSON: "{}")
        let c = ProfileSeal.of(etag: "ab", columns: [nil, "c"], contentHash: hash, rawJSON: "{}")
        let d = ProfileSeal.of(etag: "ab", columns: ["c", ""], contentHash: hash, rawJSON: "{}")
        #expect(Set([a, b, c, d]).count == 4)
    }

    func unchangedSealedFetch(_ rawJSON: String, startSequence: Int64 = 5, customer: CustomerID = StoreFixtures.alpha) async throws -> Bool {
        try await writer.write {
            try $0.saveUnchangedSealedFetch(customerID: customer, rawJSON: rawJSON, startSequence: startSequence,
                                            fetchedAt: "2026-11-21T11:00:00.000Z")
        }
    }

    @Test("a hand edit of any sealed value breaks the seal: the row is left without one", arguments: [
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
        let profile = try await stored()
        #expect(profile.rowSeal == nil && !profile.holdsSealed(rawJSON: json), "\(sql)")
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
        _ = try await writer.write { try $0.saveUnchangedFetch(customerID: StoreFixtures.alpha, fetchedAt: "2026-11-21T10:00:03.000Z") }
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
