import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import EmulatorCore
import PartnerCenterModels
import Synchronization
import Testing

/// The regressions where a fetch that began before one of our writes must never be recorded
/// as a remote change after it (issue 9, items 7 and 8, and the cases the simulation found).
extension SyncCoreRegressionTests {
    // 7
    @Test("a profile fetched before our push and written after it never replaces the pushed row")
    func staleFetchNeverOverwritesPush() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let fetcher = ProfileFetcher(client: fixture.client, store: fixture.store, maxConcurrency: 1)
            let stale = try await fetcher.fetch(id)  // a reconcile batch fetched it ...
            let editID = try await queue(fixture, id, [Self.city: .string("Pushed")])
            _ = try await fixture.pusher.pushPending()  // ... our PUT landed and was committed ...
            #expect(try await edit(fixture, editID).status == .pushed)
            let outcome = try await MirrorWriter(store: fixture.store).apply([stale])  // ... then the batch is written
            #expect(outcome.superseded == 1)
            #expect(try await fixture.store.read { try $0.profile(id) }?.columns[Self.city] == "Pushed")
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(!history.contains { $0.entry.field == Self.city && $0.entry.source == .remote })
        }
    }

    // 7, found by the simulation (seed 82791 of the 100,000-seed run)
    @Test("a fetch that began before a removed customer's 404 never records our in-doubt PUT as a remote change")
    func staleFetchAfterRemovedCustomer() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            // Our PUT lands and the daemon dies before it commits: the edit stays `pushing`.
            // A reconcile beside it fetches the profile, which shows our PUT ...
            let (id, _, editID, stale) = try await fetchBesideLandedPut(fixture, attempts: 1)
            // ... the customer is removed at Partner Center, and the recovering pusher reads 404 ...
            #expect(await fixture.state.removeCustomer(id))
            _ = try await fixture.pusher.pushPending()
            let settled = try await edit(fixture, editID)
            #expect(settled.status == .rejected)
            #expect(settled.lastError?.contains("may have landed") == true, "\(settled.lastError ?? "")")
            // ... and only then does the reconcile write its batch: the 404 read after it wins.
            let outcome = try await MirrorWriter(store: fixture.store).apply([stale])
            #expect(outcome.superseded == 1)
            #expect(try await fixture.store.read { try $0.profile(id) }?.status == .notFound)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(!history.contains { $0.entry.field == Self.city && $0.entry.source == .remote })
        }
    }

    // 7, the same interleaving through an edit that fails at the attempt cap
    @Test("a fetch that began before the read that fails an edit at the cap never records our PUT as a remote change")
    func staleFetchAfterEditFailsAtCap() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            // Our last allowed PUT lands and the daemon dies before it commits; a reconcile beside
            // it fetches the profile, which shows our PUT ...
            let (id, base, editID, stale) = try await fetchBesideLandedPut(
                fixture, attempts: fixture.pusher.configuration.maxPushAttempts)
            // ... another admin puts the old city back, and recovery reads that: the edit has failed.
            _ = await fixture.state.modifyProfile(id) { $0.setValue(base.map(JSONValue.string) ?? .null, atPath: Self.city) }
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, editID).status == .failed)
            // Only then does the reconcile write its batch: the read that failed the edit wins.
            let outcome = try await MirrorWriter(store: fixture.store).apply([stale])
            #expect(outcome.superseded == 1)
            #expect(try await fixture.store.read { try $0.profile(id) }?.columns[Self.city] == base)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(!history.contains { $0.entry.field == Self.city && $0.entry.source == .remote && $0.entry.newValue == "Ours" })
        }
    }

    // 7, the same interleaving through a PUT that Partner Center refuses
    @Test("a fetch that began before the read of a refused PUT never records our earlier PUT as a remote change")
    func staleFetchAfterRefusedPut() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            // Our PUT lands and the daemon dies before it commits; a reconcile beside it fetches
            // the profile, which shows our PUT ...
            let (id, base, editID, stale) = try await fetchBesideLandedPut(fixture, attempts: 1)
            // ... another admin puts the old city back and leaves a state Partner Center's own
            // limit refuses (at most 2 characters), so recovery's full-resource PUT is answered 400.
            _ = await fixture.state.modifyProfile(id) {
                $0.setValue(base.map(JSONValue.string) ?? .null, atPath: Self.city)
                $0.setValue(.string("Washington"), atPath: "defaultAddress.state")
            }
            _ = try await fixture.pusher.pushPending()
            let settled = try await edit(fixture, editID)
            #expect(settled.status == .rejected)
            #expect(settled.lastError?.contains("defaultAddress.state") == true, "\(settled.lastError ?? "")")
            #expect(await fixture.state.requestCount(route: Self.putRoute, status: 400) == 1)
            // Only then does the reconcile write its batch: the read of the refused round wins.
            let outcome = try await MirrorWriter(store: fixture.store).apply([stale])
            #expect(outcome.superseded == 1)
            let mirrored = try await fixture.store.read { try $0.profile(id) }
            #expect(mirrored?.columns[Self.city] == base)
            #expect(mirrored?.columns["defaultAddress.state"] == "Washington")
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(!history.contains { $0.entry.field == Self.city && $0.entry.source == .remote && $0.entry.newValue == "Ours" })
        }
    }

    // 8
    @Test("an edit found pushing at the attempt cap is settled by reading the remote first")
    func recoveryAtAttemptCapReadsRemote() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let editID = try await queue(fixture, id, [Self.city: .string("Capstown")])
            try await landPutThenCrash(fixture, id, editID: editID, city: "Capstown",
                                       attempts: fixture.pusher.configuration.maxPushAttempts)
            _ = try await fixture.pusher.pushPending()
            let settled = try await edit(fixture, editID)
            #expect(settled.status == .pushed)
            #expect(await fixture.state.writeLog().count == 1)
        }
    }
}
