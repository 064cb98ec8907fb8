import BillingSyncSQLite
import BillingSyncFixtures
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Row seals of mirrored profiles")
struct ProfileSealTests {
    let dir: TemporaryDirectory
    let writer: StoreWriter
    let json = DocumentationExamples.getBillingProfileResponse

    init() async throws {
        (dir, writer) = try await StoreFixtures.storeWithAlpha(seenAt: "2026-11-21T10:00:00.000Z")
        let resource = try JSONValue(parsing: json)
        try await writer.write { [json] in
            try $0.saveProfile(customerID: StoreFixtures.alpha, resource: resource, rawJSON: json,
                               fetchedAt: "2026-11-21T10:00:01.000Z", changed: true)
        }
    }

    func stored() async throws -> StoredProfile {
        try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
    }

    func edit(_ sql: String) throws {
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        defer { tool.close() }
        try tool.execute(sql)
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

    @Test("a hand edit of any sealed value breaks the seal", arguments: [
        "UPDATE billing_profiles SET address_city = 'X'",
        "UPDATE billing_profiles SET address_line2 = ''",
        "UPDATE billing_profiles SET etag = 'other'",
        "UPDATE billing_profiles SET content_hash = lower(hex(randomblob(32)))",
        "UPDATE billing_profiles SET raw_json = replace(raw_json, 'Redmond', 'Seattle')",
        "UPDATE billing_profiles SET status = 'not_found'",
    ])
    func handEdits(sql: String) async throws {
        try edit(sql)
        let profile = try await stored()
        #expect(!profile.holdsSealed(rawJSON: json), "\(sql)")
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
}
