import BillingSyncEngine
import BillingSyncStore
import Foundation
import PartnerCenterModels
import Testing

/// A re-fetched body equal byte for byte to the mirrored one is recognised from its bytes and
/// the row's seal alone; any other body, even one byte apart, takes the full path.
@Suite("Unchanged re-fetches")
struct UnchangedRefetchTests {
    /// Applies one fetched body the way the reconcile does, with `resource` as its parsed tree.
    static func apply(_ raw: String, resource: JSONValue, for id: CustomerID, in fixture: EngineFixture) async throws -> MirrorWriter.Outcome {
        let profile = try BillingProfile(parsed: resource, rawData: Data(raw.utf8))
        let startSequence = try await fixture.store.read { try $0.mirrorSequence() }
        return try await MirrorWriter(store: fixture.store).apply([ProfileFetch(.found(id, profile, rawJSON: raw), startSequence: startSequence)])
    }

    static func mirrored(_ id: CustomerID, in fixture: EngineFixture) async throws -> StoredProfile {
        try #require(try await fixture.store.read { try $0.profile(id) })
    }

    @Test("the same bytes are recognised without reading the parsed body")
    func sameBytesSkipTheParsedBody() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let before = try await Self.mirrored(id, in: fixture)
            let raw = try #require(before.rawJSON)
            #expect(before.holdsSealed(rawJSON: raw))
            // A parsed tree that disagrees with the bytes: were it flattened, hashed or diffed,
            // the row would take "Decoy" and a new ETag.
            var decoy = try JSONValue(parsing: raw)
            decoy.setValue(.string("Decoy"), atPath: "defaultAddress.city")
            decoy.setValue(.string("decoy-etag"), atPath: "attributes.etag")
            let outcome = try await Self.apply(raw, resource: decoy, for: id, in: fixture)
            #expect(outcome.unchanged == 1 && outcome.changed == 0 && outcome.historyRows == 0)
            let after = try await Self.mirrored(id, in: fixture)
            #expect(after.columns == before.columns && after.etag == before.etag && after.rawJSON == raw)
            #expect(after.changedAt == before.changedAt && after.mirrorSequence == before.mirrorSequence)
            #expect(try await fixture.store.read { try $0.counts() }.historyRows == 0)
        }
    }

    @Test("one changed byte of the ETag takes the full path: new ETag, no field history, sealed again")
    func oneByteOfTheETag() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            let before = try await Self.mirrored(id, in: fixture)
            let raw = try #require(before.rawJSON)
            let etag = try #require(before.etag)
            let newETag = String(etag.dropLast()) + (etag.hasSuffix("7") ? "8" : "7")
            let changed = raw.replacingOccurrences(of: "\"\(etag)\"", with: "\"\(newETag)\"")
            #expect(changed.utf8.count == raw.utf8.count && changed != raw)
            let outcome = try await Self.apply(changed, resource: try JSONValue(parsing: changed), for: id, in: fixture)
            #expect(outcome.changed == 1 && outcome.unchanged == 0 && outcome.historyRows == 0)
            let after = try await Self.mirrored(id, in: fixture)
            #expect(after.etag == newETag && after.rawJSON == changed && after.columns == before.columns)
            #expect(after.holdsSealed(rawJSON: changed) && !after.holdsSealed(rawJSON: raw))
            #expect(after.mirrorSequence > before.mirrorSequence)
        }
    }

    @Test("one changed byte of a field takes the full path and becomes history")
    func oneByteOfAField() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[3]
            let before = try await Self.mirrored(id, in: fixture)
            let raw = try #require(before.rawJSON)
            let city = try #require(before.columns["defaultAddress.city"] ?? nil)
            let newCity = String(city.dropLast()) + (city.hasSuffix("x") ? "y" : "x")
            let changed = raw.replacingOccurrences(of: "\"\(city)\"", with: "\"\(newCity)\"")
            let outcome = try await Self.apply(changed, resource: try JSONValue(parsing: changed), for: id, in: fixture)
            #expect(outcome.changed == 1 && outcome.historyRows == 1)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(history.count == 1 && history.first?.entry.field == "defaultAddress.city"
                    && history.first?.entry.oldValue == city && history.first?.entry.newValue == newCity
                    && history.first?.entry.source == .remote)
            #expect(try await Self.mirrored(id, in: fixture).holdsSealed(rawJSON: changed))
        }
    }

    @Test("a row saved before seals existed takes the full check once, is sealed, then skips")
    func unsealedRowIsSealed() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let connection = try fixture.openConnection()
            try connection.execute("UPDATE billing_profiles SET row_seal = NULL")
            connection.close()
            let second = try await fixture.reconciler.runFull()
            #expect(second.profilesUnchanged == 4 && second.profilesChanged == 0)
            let ids = await fixture.state.customerIDs()
            let stored = try await fixture.store.read { try $0.profiles(ids) }
            #expect(stored.values.allSatisfy { $0.rowSeal != nil && $0.holdsSealed(rawJSON: $0.rawJSON ?? "") })
            #expect(try await fixture.store.read { try $0.counts() }.historyRows == 0)
        }
    }
}
