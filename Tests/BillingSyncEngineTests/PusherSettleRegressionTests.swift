import BillingSyncEngine
import BillingSyncStore
import Foundation
import PartnerCenterEmulator
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
            #expect(try await fixture.store.read { try $0.profile(id) }?.status == "not_found")
        }
    }

    @Test("the pusher's 404 on a row already not_found moves it past earlier fetches; a fetch's 404 does not")
    func pusherNotFoundAdvancesSequence() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let fetched: @Sendable (WriteTransaction) throws -> Void = { tx in
                _ = try MirrorWriter.apply([.notFound(id)], in: tx, source: .remote, editID: nil, tickets: [id: Int64.max])
            }
            try await fixture.store.write(fetched)
            let gone = try #require(try await sequence(fixture, id))
            try await fixture.store.write(fetched)
            #expect(try await sequence(fixture, id) == gone)
            try await fixture.store.write { tx in
                _ = try MirrorWriter.apply([.notFound(id)], in: tx, source: .remote, editID: nil)
            }
            #expect(try await sequence(fixture, id).map { $0 > gone } == true)
        }
    }
}
