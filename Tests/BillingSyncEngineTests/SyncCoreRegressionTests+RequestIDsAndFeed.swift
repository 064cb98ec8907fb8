import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import EmulatorCore
import PartnerCenterModels
import Synchronization
import Testing

/// Issue 9, items 4–6: one MS-RequestId per PUT, and the audit feed's retry set and first position.
extension SyncCoreRegressionTests {
    // 4
    @Test("a new PUT never reuses the MS-RequestId of an earlier one (a replaying service would fake success)")
    func requestIDBelongsToOnePut() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let first = try await queue(fixture, id, [Self.city: .string("Geneva")])
            // The daemon sent edit 1's PUT under request id R, it landed, and it crashed before the commit.
            let requestID = UUID()
            let remote = try await fixture.client.billingProfile(id)
            var body = remote.resource
            body.setValue(.string("Geneva"), atPath: Self.city)
            _ = try await fixture.client.updateBillingProfile(
                id, profile: BillingProfile(resource: body), ifMatch: try #require(remote.etag), requestID: requestID)
            let connection = try fixture.openConnection()
            try connection.run("UPDATE outbox SET status = 'pushing', attempts = 1, request_id = ? WHERE id = ?",
                               [requestID.uuidString, first])
            // Meanwhile an operator queued a second edit of the same customer.
            let second = try await queue(fixture, id, [Self.phone: .string("+41 22 555 0199")])
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, first).status == .pushed)
            #expect(try await edit(fixture, second).status == .pushed)
            #expect(await remoteValue(fixture, id, Self.phone) == "+41 22 555 0199")
            #expect(await fixture.state.replayedWriteCount() == 0)
            let writes = await fixture.state.writeLog()
            #expect(Set(writes.compactMap(\.requestID)).count == writes.count)
        }
    }

    @Test("the emulator replays a repeated MS-RequestId without applying it")
    func emulatorReplaysRequestID() async throws {
        try await EngineFixture.with(customers: 2) { fixture in
            let id = await fixture.state.customerIDs()[0]
            let client = fixture.client
            let remote = try await client.billingProfile(id)
            let requestID = UUID()
            var body = remote.resource
            body.setValue(.string("First"), atPath: Self.city)
            let answer = try await client.updateBillingProfile(id, profile: BillingProfile(resource: body),
                                                               ifMatch: try #require(remote.etag), requestID: requestID)
            body.setValue(.string("Second"), atPath: Self.city)
            let replayed = try await client.updateBillingProfile(id, profile: BillingProfile(resource: body),
                                                                 ifMatch: try #require(answer.etag), requestID: requestID)
            #expect(replayed.etag == answer.etag)
            #expect(await remoteValue(fixture, id, Self.city) == "First")
            #expect(await fixture.state.replayedWriteCount() == 1)
            #expect(await fixture.state.writeLog().count == 1)
        }
    }

    // 5
    @Test("a customer whose refresh fails stays in a durable retry set until it is fetched")
    func auditFeedKeepsFailedCustomers() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Retryville"), atPath: Self.city) }
            await fixture.state.forbidCustomer(id, true)
            _ = try await fixture.poller.pollOnce()
            #expect(try await fixture.store.read { try $0.profile(id) }?.columns[Self.city] != "Retryville")
            await fixture.state.forbidCustomer(id, false)
            // No new audit record names the customer: only the retry set brings it back.
            _ = try await fixture.poller.pollOnce()
            #expect(try await fixture.store.read { try $0.profile(id) }?.columns[Self.city] == "Retryville")
        }
    }

    // 6
    @Test("the first audit poll starts where the initial reconcile started, however long it took")
    func firstPollStartsAtReconcileStart() async throws {
        let clock = Mutex(Date())
        try await EngineFixture.with(customers: 4, emulator: { configuration in
            configuration.now = { clock.withLock { $0 } }
        }) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            // Changed right after the reconcile fetched it (an initial load that then ran for hours).
            clock.withLock { $0 = Date().addingTimeInterval(1) }
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Latecomer"), atPath: Self.city) }
            _ = try await fixture.poller.pollOnce(now: Date().addingTimeInterval(3 * 3600 + 600))
            #expect(try await fixture.store.read { try $0.profile(id) }?.columns[Self.city] == "Latecomer")
        }
    }
}
