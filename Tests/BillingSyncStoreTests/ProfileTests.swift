import BillingSyncSQLite
import BillingSyncFixtures
import PartnerCenterModels
import Testing
@testable import BillingSyncStore

@Suite("Billing profiles")
struct ProfileTests {
    let dir: TemporaryDirectory
    let writer: StoreWriter

    init() async throws {
        (dir, writer) = try await StoreFixtures.storeWithAlpha(seenAt: "2026-11-21T10:00:00.000Z")
    }

    func save(_ json: String, at time: String, changed: Bool = true) async throws {
        let resource = try JSONValue(parsing: json)
        try await writer.write {
            try $0.saveProfile(customerID: StoreFixtures.alpha, resource: resource, rawJSON: json, fetchedAt: time, changed: changed)
        }
    }

    func rawRow(_ sql: String = "SELECT * FROM billing_profiles") throws -> Row? {
        let raw = try Connection(path: dir.path("mirror.db"), mode: .readOnly)
        defer { raw.close() }
        return try raw.queryFirst(sql)
    }

    @Test("the sample profile is flattened into columns and unknown fields survive in raw_json")
    func flattensSample() async throws {
        try await save(StoreFixtures.sampleWithUnknownFieldsJSON, at: "2026-11-21T10:00:01.000Z")
        let profile = try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
        let expected: [String: String] = [
            "id": "<billing-profile-id>", "firstName": "FirstName", "lastName": "LastName", "email": "email@sample.com",
            "culture": "en-US", "language": "en", "companyName": "CompanyName", "defaultAddress.country": "US",
            "defaultAddress.city": "Redmond", "defaultAddress.state": "WA", "defaultAddress.addressLine1": "1 Microsoft Way",
            "defaultAddress.postalCode": "98052", "defaultAddress.firstName": "FirstName",
            "defaultAddress.lastName": "LastName", "defaultAddress.phoneNumber": "4255555555",
        ]
        for field in BillingProfileField.all {
            #expect(profile.columns[field.path] == .some(expected[field.path]), "\(field.path)")
        }
        #expect(profile.status == .ok && profile.etag == "<etag>")
        #expect(profile.fetchedAt == "2026-11-21T10:00:01.000Z" && profile.changedAt == "2026-11-21T10:00:01.000Z")
        let resource = try #require(profile.resource)
        #expect(resource.value(atPath: "vatNumber") == .string("DE123"))
        #expect(resource.value(atPath: "defaultAddress.geo.lat") == .double(47.6))
        #expect(resource.value(atPath: "tags")?.arrayValue?.count == 2)
        #expect(profile.contentHash == ContentHash.of(resource: resource))
        #expect(!profile.isTampered)
    }

    @Test("every documented field lands in its own column")
    func everyField() async throws {
        var resource = try JSONValue(parsing: DocumentationExamples.getBillingProfileResponse)
        for field in BillingProfileField.all {
            resource.setValue(.string("v-\(field.column)"), atPath: field.path)
        }
        try await save(resource.canonicalText(), at: "2026-11-21T10:00:01.000Z")
        let row = try #require(try rawRow())
        for field in BillingProfileField.all {
            #expect(row.string(field.column) == "v-\(field.column)")
        }
        let profiles = try await writer.read { try $0.profiles([StoreFixtures.alpha, StoreFixtures.beta]) }
        #expect(profiles.count == 1 && profiles[StoreFixtures.alpha]?.isTampered == false)
    }

    @Test("an unchanged save only moves fetched_at and last_seen_at")
    func unchangedSave() async throws {
        try await save(DocumentationExamples.getBillingProfileResponse, at: "2026-11-21T10:00:01.000Z")
        let before = try #require(try rawRow())
        let other = DocumentationExamples.getBillingProfileResponse.replacingOccurrences(of: "<etag>", with: "new-etag")
        try await save(other, at: "2026-11-21T11:00:00.000Z", changed: false)
        let after = try #require(try rawRow())
        for column in before.columnNames {
            if ["fetched_at", "last_seen_at"].contains(column) {
                #expect(after[column] == .text("2026-11-21T11:00:00.000Z"), "\(column)")
            } else {
                #expect(after[column] == before[column], "\(column) changed")
            }
        }
    }

    @Test("a changed save rewrites columns, hash, etag and changed_at")
    func changedSave() async throws {
        try await save(DocumentationExamples.getBillingProfileResponse, at: "2026-11-21T10:00:01.000Z")
        let moved = DocumentationExamples.getBillingProfileResponse.replacingOccurrences(of: "Redmond", with: "Seattle")
            .replacingOccurrences(of: "<etag>", with: "e2")
        try await save(moved, at: "2026-11-21T12:00:00.000Z")
        let profile = try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
        #expect(profile.columns["defaultAddress.city"] == .some("Seattle") && profile.etag == "e2")
        #expect(profile.changedAt == "2026-11-21T12:00:00.000Z" && !profile.isTampered)
    }

    @Test("editing a column or raw_json by hand is detected as tampering")
    func tampering() async throws {
        try await save(DocumentationExamples.getBillingProfileResponse, at: "2026-11-21T10:00:01.000Z")
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        defer { tool.close() }
        try tool.execute("UPDATE billing_profiles SET address_city='X'")
        let profile = try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
        #expect(profile.isTampered && profile.tamperedFields == ["defaultAddress.city"])

        try tool.execute("UPDATE billing_profiles SET address_city='Redmond'")
        #expect(try await writer.read { try $0.profile(StoreFixtures.alpha) }?.isTampered == false)
        try tool.execute("UPDATE billing_profiles SET raw_json = replace(raw_json, 'FirstName', 'Mallory')")
        let edited = try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
        #expect(edited.isTampered, "raw_json no longer matches content_hash (and columns)")
    }

    @Test("a 404 marks the profile not_found and keeps the last known data")
    func notFound() async throws {
        try await save(DocumentationExamples.getBillingProfileResponse, at: "2026-11-21T10:00:01.000Z")
        try await writer.write { try $0.markProfileNotFound(customerID: StoreFixtures.alpha, at: "2026-11-21T13:00:00.000Z") }
        let profile = try #require(try await writer.read { try $0.profile(StoreFixtures.alpha) })
        #expect(profile.status == .notFound && profile.changedAt == "2026-11-21T13:00:00.000Z")
        #expect(profile.columns["defaultAddress.city"] == .some("Redmond") && !profile.isTampered)
        let counts = try await writer.read { try $0.counts() }
        #expect(counts.profiles == 0 && counts.profilesNotFound == 1)
    }

    @Test("a fetch's start is the mirror's sequence and the mirrored text as received, of a profile that is ok only")
    func fetchStarts() async throws {
        let unknown = CustomerID("00000000-0000-4000-8000-00000000abcd")!
        func start() async throws -> (sequence: Int64, mirroredBodies: [CustomerID: String]) {
            try await writer.read { try $0.fetchStarts([StoreFixtures.alpha, unknown]) }
        }
        let empty = try await start()
        #expect(empty.sequence == 0 && empty.mirroredBodies.isEmpty)
        let spaced = DocumentationExamples.getBillingProfileResponse + "\n"
        try await save(spaced, at: "2026-11-21T10:00:01.000Z")
        try await writer.write { _ = try $0.advanceMirrorSequence() }
        let saved = try await start()
        #expect(saved.mirroredBodies == [StoreFixtures.alpha: spaced], "the text as received; nothing for an unknown id")
        let sequence = try await writer.read { try $0.mirrorSequence() }
        #expect(saved.sequence == sequence && sequence > 0)
        #expect(try await writer.read { try $0.fetchStarts([]) }.sequence == sequence)
        try await writer.write { try $0.markProfileNotFound(customerID: StoreFixtures.alpha, at: "2026-11-21T13:00:00.000Z") }
        #expect(try await start().mirroredBodies.isEmpty)
    }

    @Test("touching a profile moves last_seen_at only")
    func touch() async throws {
        try await save(DocumentationExamples.getBillingProfileResponse, at: "2026-11-21T10:00:01.000Z")
        try await writer.write { try $0.touchProfile(customerID: StoreFixtures.alpha, at: "2026-11-21T14:00:00.000Z") }
        let row = try #require(try rawRow())
        #expect(row.string("last_seen_at") == "2026-11-21T14:00:00.000Z")
        #expect(row.string("fetched_at") == "2026-11-21T10:00:01.000Z")
    }
}
