import BillingSyncEngine
import BillingSyncStore
import Foundation
import EmulatorCore
import PartnerCenterModels
import Testing

/// What the mirror gets when the pusher settles an edit, in the cases the sync-core work left
/// alone (issue 18, item 8). Each was red before its fix.
@Suite("Pusher settles: what the mirror learns")
struct PusherSettleRegressionTests {
    func sequence(_ fixture: EngineFixture, _ id: CustomerID) async throws -> Int64? {
        try await fixture.store.read { try $0.profile(id) }?.mirrorSequence
    }

    @Test("a PUT answered 404 records the customer as gone, not the read made before it")
    func putAnswered404MarksNotFound() async throws {
        try await EngineFixture.with(customers: 5) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            let editID = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Gone")]), queuedBy: "test").editID
            await fixture.state.removeBeforeNextWrite(of: id)
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.rejected == 1)
            #expect(try await fixture.store.read { try $0.edit(id: editID) }?.status == .rejected)
            #expect(try await fixture.store.read { try $0.profile(id) }?.status == .notFound)
        }
    }

    @Test("the pusher's 404 on a row already not_found moves it past earlier fetches; a fetch's 404 does not")
    func pusherNotFoundAdvancesSequence() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let fetched: @Sendable (WriteTransaction) throws -> Void = { tx in
                _ = try MirrorWriter.apply([.notFound(id)], in: tx, attribution: .remote, startSequences: [id: Int64.max])
            }
            try await fixture.store.write(fetched)
            let gone = try #require(try await sequence(fixture, id))
            try await fixture.store.write(fetched)
            #expect(try await sequence(fixture, id) == gone)
            try await fixture.store.write { tx in
                _ = try MirrorWriter.apply([.notFound(id)], in: tx, attribution: .remote)
            }
            #expect(try await sequence(fixture, id).map { $0 > gone } == true)
        }
    }
}

/// An edit queued while an earlier edit of the same customer was in flight is judged against
/// what our own earlier PUT left, not against a base that predates it (issue 18, item 8).
@Suite("Our own queue applies in order: no conflict with ourselves")
struct OwnQueueOrderTests {
    static let city = "defaultAddress.city"

    func queue(_ fixture: EngineFixture, _ id: CustomerID, city: String) async throws -> Int64 {
        try await EditQueue(store: fixture.store)
            .enqueue(customer: id, patch: EditPatch(changes: [Self.city: .string(city)]), queuedBy: "test").editID
    }

    func status(_ fixture: EngineFixture, _ id: Int64) async throws -> EditStatus? {
        try await fixture.store.read { try $0.edit(id: id) }?.status
    }

    @Test("an edit queued before our earlier PUT landed replaces its value; another admin's change still conflicts")
    func editQueuedWhileEarlierInFlight() async throws {
        try await EngineFixture.with(customers: 5) { fixture in
            try await fixture.reconciler.runFull()
            let ids = await fixture.state.customerIDs()
            for (index, id) in [ids[1], ids[2]].enumerated() {
                let before = try #require(try await fixture.store.read { try $0.profile(id) }?.rawJSON)
                let first = try await queue(fixture, id, city: "First")
                _ = try await fixture.pusher.pushPending()
                #expect(try await status(fixture, first) == .pushed)
                if index == 1 {
                    await fixture.state.modifyProfile(id) { $0.setValue(.string("Admin"), atPath: Self.city) }
                    _ = try await fixture.reconciler.runFull()
                }
                // The second edit was queued while the first was in flight: on the mirror before it.
                let queuedAt = try #require(try await fixture.store.read { try $0.edit(id: first) }?.createdAt)
                let connection = try fixture.openConnection()
                try connection.run("""
                    INSERT INTO outbox (customer_id, patch, base_snapshot, queued_by, created_at)
                    VALUES (?, '{"defaultAddress":{"city":"Second"}}', ?, 'test', ?)
                    """, [id.rawValue, before, queuedAt])
                let second = try #require(try connection.queryFirst("SELECT max(id) AS id FROM outbox", [])?.int64("id"))
                _ = try await fixture.pusher.pushPending()
                if index == 0 {
                    #expect(try await status(fixture, second) == .pushed)
                    #expect(await fixture.state.profile(id)?.value(atPath: Self.city)?.stringValue == "Second")
                } else {
                    #expect(try await status(fixture, second) == .conflict)
                    #expect(await fixture.state.profile(id)?.value(atPath: Self.city)?.stringValue == "Admin")
                }
            }
        }
    }

    @Test("after our PUT of unknown outcome, a later edit of the group is judged on what it landed")
    func laterEditAfterInDoubtPut() async throws {
        try await EngineFixture.with(customers: 5) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[3]
            let first = try await queue(fixture, id, city: "First")
            // Our PUT of the first edit lands and the daemon dies before it commits.
            let remote = try await fixture.client.billingProfile(id)
            var body = remote.resource
            body.setValue(.string("First"), atPath: Self.city)
            // The pusher stores the PUT's request id with `pushing` before sending it.
            let requestID = UUID()
            _ = try await fixture.client.updateBillingProfile(
                id, profile: BillingProfile(resource: body), ifMatch: try #require(remote.etag), requestID: requestID)
            try fixture.openConnection().run("UPDATE outbox SET status = 'pushing', attempts = 1, request_id = ? WHERE id = ?",
                                             [requestID.uuidString, first])
            let second = try await queue(fixture, id, city: "Second")
            _ = try await fixture.pusher.pushPending()
            #expect(try await status(fixture, first) == .pushed)
            #expect(try await status(fixture, second) == .pushed)
            #expect(await fixture.state.profile(id)?.value(atPath: Self.city)?.stringValue == "Second")
            #expect(try await fixture.store.read { try $0.conflicts(openOnly: true) }.isEmpty)
        }
    }
}

/// Edits salvaged into a new database (`db recover`) wait for the first full reconcile instead
/// of being rejected as "not mirrored" by a daemon started before it.
@Suite("Edits before the first full reconcile")
struct EditsBeforeFirstReconcileTests {
    @Test("an edit with its base, for a customer the empty mirror does not hold yet, waits and is pushed after the reconcile")
    func salvagedEditWaitsForMirror() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            let id = await fixture.state.customerIDs()[1]
            let base = try #require(await fixture.state.profile(id)).canonicalText()
            let connection = try fixture.openConnection()
            try connection.run("""
                INSERT INTO outbox (customer_id, patch, base_snapshot, queued_by)
                VALUES (?, '{"defaultAddress":{"city":"Salvaged"}}', ?, 'recovered')
                """, [id.rawValue, base])
            let editID = try #require(try connection.queryFirst("SELECT max(id) AS id FROM outbox", [])?.int64("id"))
            let early = try await fixture.pusher.pushPending()
            #expect(early.rejected == 0 && early.deferred == 1)
            #expect(try await fixture.store.read { try $0.edit(id: editID) }?.status == .pending)
            try await fixture.reconciler.runFull()
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Salvaged")
        }
    }
}
