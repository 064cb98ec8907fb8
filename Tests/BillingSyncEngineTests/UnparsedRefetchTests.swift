import BillingSyncEngine
import BillingSyncStore
import Foundation
import EmulatorCore
import PartnerCenterModels
import Testing

/// The fetch path hands the mirrored bytes to the client: an unchanged profile is never parsed;
/// a changed one is parsed before anything of it is written, and a body that is not a profile is
/// reported on the customer, never stored.
@Suite("Re-fetches left unparsed")
struct UnparsedRefetchTests {
    /// The fixture's reconciler over a port that keeps every profile it returns.
    static func recordingReconciler(_ fixture: EngineFixture) -> (Reconciler, RecordingPort) {
        let port = RecordingPort(fixture.reconciler.client)
        let context = fixture.reconciler.context
        let reconciler = Reconciler(context: SyncContext(client: port, store: context.store, configuration: context.configuration,
                                                         environment: context.environment, logger: context.logger))
        return (reconciler, port)
    }

    @Test("an unchanged re-sync parses no profile body; a changed profile is parsed once")
    func unchangedResyncParsesNothing() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            let (reconciler, port) = Self.recordingReconciler(fixture)
            let first = try await reconciler.runFull()
            #expect(first.profilesChanged + first.profilesUnchanged == 6)
            let loaded = port.takeProfiles()
            #expect(loaded.count == 6 && loaded.values.filter(\.isParsed).count == 6)

            let resync = try await reconciler.runFull()
            #expect(resync.profilesUnchanged == 6 && resync.profilesChanged == 0)
            let unchanged = port.takeProfiles()
            #expect(unchanged.count == 6)
            #expect(unchanged.values.filter(\.isParsed).count == 0, "profile bodies parsed on an unchanged re-sync")

            let id = await fixture.state.customerIDs()[2]
            _ = await fixture.state.modifyProfile(id) { $0.setValue(.string("Elsewhere"), atPath: "defaultAddress.city") }
            let third = try await reconciler.runFull()
            #expect(third.profilesChanged == 1 && third.profilesUnchanged == 5)
            let parsed = port.takeProfiles().filter { $0.value.isParsed }.map(\.key)
            #expect(parsed == [id])
            let stored = try #require(try await fixture.store.read { try $0.profile(id) })
            #expect(stored.columns["defaultAddress.city"] == "Elsewhere")
        }
    }

    @Test("a body that is not a profile is reported on the customer and not stored")
    func malformedBodyIsReportedNotStored() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let before = try #require(try await fixture.store.read { try $0.profile(id) })
            let fetch = try await Self.fetchAnsweredMalformed(id, in: fixture)
            guard case .failed(_, let error) = fetch.outcome else {
                Issue.record("a malformed body was accepted: \(fetch.outcome)")
                return
            }
            #expect(error.kind == .invalidResponse && error.message.contains("not valid JSON"))
            let outcome = try await MirrorWriter(store: fixture.store).apply([fetch])
            #expect(outcome.failed == 1 && outcome.failures[id] != nil)
            try Self.expectReportedNotStored(id, before: before, fixture: fixture)
        }
    }

    @Test("a body equal to a mirrored text that was edited into no profile is reported, not stored")
    func knownButInvalidBodyIsReportedNotStored() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            // The emulator's malformed body, also written by hand into the mirrored row: the
            // fetched bytes equal the mirrored ones, so the client hands them over unparsed.
            let garbage = "<html><body>Bad Gateway {\"id\": "
            let connection = try fixture.openConnection()
            try connection.run("UPDATE billing_profiles SET raw_json = ? WHERE customer_id = ?", [garbage, id.rawValue])
            connection.close()
            let before = try #require(try await fixture.store.read { try $0.profile(id) })
            let fetch = try await Self.fetchAnsweredMalformed(id, in: fixture)
            guard case .found(_, let profile, let rawJSON) = fetch.outcome else {
                Issue.record("the mirrored bytes were not recognised: \(fetch.outcome)")
                return
            }
            #expect(!profile.isParsed && rawJSON == garbage)
            let outcome = try await MirrorWriter(store: fixture.store).apply([fetch])
            #expect(outcome.failed == 1 && outcome.changed == 0 && outcome.unchanged == 0)
            let error = try #require(outcome.failures[id])
            #expect(error.kind == .invalidResponse && error.message.contains(id.rawValue))
            try Self.expectReportedNotStored(id, before: before, fixture: fixture)
        }
    }

    /// One fetch through the engine's fetcher while the emulator answers every request with its
    /// malformed body (`<html><body>Bad Gateway {"id": `).
    static func fetchAnsweredMalformed(_ id: CustomerID, in fixture: EngineFixture) async throws -> ProfileFetch {
        await fixture.state.setFaults(.only(\.malformedJSONRate, 1))
        let fetch = try await ProfileFetcher(client: fixture.reconciler.client, store: fixture.store, maxConcurrency: 1).fetch(id)
        await fixture.state.setFaults(FaultSettings())
        return fetch
    }

    /// The row is as it was, no history was written, and the customer carries the fetch error.
    static func expectReportedNotStored(_ id: CustomerID, before: StoredProfile, fixture: EngineFixture) throws {
        let connection = try fixture.openConnection()
        defer { connection.close() }
        let row = try #require(try connection.queryFirst(
            "SELECT raw_json, etag, content_hash, row_seal, mirror_seq FROM billing_profiles WHERE customer_id = ?", [id.rawValue]))
        #expect(row.string("raw_json") == before.rawJSON && row.string("etag") == before.etag)
        #expect(row.string("content_hash") == before.contentHash && row.string("row_seal") == before.rowSeal)
        #expect(row.int64("mirror_seq") == before.mirrorSequence)
        let history = try connection.queryFirst("SELECT count(*) AS n FROM profile_history WHERE customer_id = ?", [id.rawValue])
        #expect(history?.int64("n") == 0)
        let customer = try connection.queryFirst("SELECT fetch_error FROM customers WHERE id = ?", [id.rawValue])
        #expect(customer?.string("fetch_error")?.contains("invalidResponse") == true)
    }
}
