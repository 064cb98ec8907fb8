import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import EmulatorCore
import PartnerCenterModels
import Testing

/// The engine against the real service's harder habits (issue 18, item 4), over loopback HTTP.
/// Each was red before its fix.
@Suite("Sync against the service's harder habits")
struct ServiceHabitsSyncTests {
    static let auditRoute = "GET /v1/auditrecords"
    static let city = "defaultAddress.city"

    func city(_ fixture: EngineFixture, _ id: CustomerID) async throws -> String? {
        try await fixture.store.read { try $0.profile(id) }?.resource?.value(atPath: Self.city)?.stringValue
    }

    @Test("a feed position older than the service keeps records waits for a catch-up reconcile instead of failing")
    func expiredFeedPosition() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            try await fixture.reconciler.runFull()
            _ = try await fixture.poller.pollOnce()
            // The daemon was stopped for 100 days; meanwhile a profile changed.
            let stoppedAt = Timestamp.string(from: Date().addingTimeInterval(-100 * 86_400))
            let connection = try fixture.openConnection()
            for key in [Reconciler.lastSuccessStartKey, AuditFeedPoller.checkpointKey] {
                try connection.run("UPDATE sync_checkpoints SET value = ? WHERE key = ?", [stoppedAt, key])
            }
            let ids = await fixture.state.customerIDs()
            await fixture.state.modifyProfile(ids[2]) { $0.setValue(.string("Porto"), atPath: Self.city) }

            #expect(try await fixture.poller.positionExpired())
            let feedRequests = await fixture.state.requestCount(route: Self.auditRoute)
            let waiting = try await fixture.poller.pollOnce()
            #expect(waiting.positionExpired)
            #expect(await fixture.state.requestCount(route: Self.auditRoute) == feedRequests)
            #expect(await fixture.state.requestCount(route: Self.auditRoute, status: 400) == 0)
            #expect(try await fixture.store.read { try $0.checkpoint(AuditFeedPoller.checkpointKey) } == nil)

            // The catch-up reconcile mirrors the change and gives the feed a new start.
            try await fixture.reconciler.runFull()
            #expect(try await city(fixture, ids[2]) == "Porto")
            #expect(try await !fixture.poller.positionExpired())
            let resumed = try await fixture.poller.pollOnce()
            #expect(!resumed.positionExpired)
            await fixture.state.modifyProfile(ids[3]) { $0.setValue(.string("Faro"), atPath: Self.city) }
            #expect(try await fixture.poller.pollOnce().refreshed == [ids[3]])
            #expect(try await city(fixture, ids[3]) == "Faro")
        }
    }

    @Test("audit records that change nothing refresh nothing: unknown types, declined, without customer, dated ahead")
    func auditNoiseIsPassedOver() async throws {
        try await EngineFixture.with(customers: 6) { fixture in
            try await fixture.reconciler.runFull()
            _ = try await fixture.poller.pollOnce()
            let ids = await fixture.state.customerIDs()
            for kind in AuditNoise.allCases { await fixture.state.appendAuditNoise(kind, customer: ids[1]) }
            await fixture.state.modifyProfile(ids[2]) { $0.setValue(.string("Braga"), atPath: Self.city) }
            let before = await fixture.state.requestCount(route: ReconcileTests.profileRoute)
            let result = try await fixture.poller.pollOnce()
            #expect(result.refreshed == [ids[2]])
            #expect(await fixture.state.requestCount(route: ReconcileTests.profileRoute) - before == 1)
            #expect(try await city(fixture, ids[2]) == "Braga")
        }
    }

    @Test("the service rewrites a pushed postal code (ZIP+4): pushed once, the mirror shows its value, nothing more")
    func rewrittenFieldIsPushedOnce() async throws {
        try await EngineFixture.with(customers: 4, emulator: { $0.rewritesPostalCodes = true }) { fixture in
            let id = await fixture.state.customerIDs()[1]
            await fixture.state.modifyProfile(id) { profile in
                for (path, value) in [("country", "US"), ("state", "WA"), ("city", "Redmond"),
                                      ("addressLine1", "1 Microsoft Way"), ("postalCode", "98000-0001")] {
                    profile.setValue(.string(value), atPath: "defaultAddress." + path)
                }
            }
            try await fixture.reconciler.runFull()
            let editID = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.postalCode": .string("98052")]), queuedBy: "test").editID
            let first = try await fixture.pusher.pushPending()
            #expect(first.pushed == 1)
            let remote = try #require(await fixture.state.profile(id)?.value(atPath: "defaultAddress.postalCode")?.stringValue)
            #expect(remote.hasPrefix("98052-"))
            let mirrored = try await fixture.store.read { try $0.profile(id) }
            #expect(mirrored?.resource?.value(atPath: "defaultAddress.postalCode")?.stringValue == remote)
            #expect(try await fixture.store.read { try $0.edit(id: editID) }?.status == .pushed)

            // Nothing is pushed again, no conflict is recorded, and a reconcile finds no drift.
            let second = try await fixture.pusher.pushPending()
            #expect(second.total == 0)
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.profilesChanged == 0)
            #expect(await fixture.state.writeLog().count == 1)
            #expect(try await fixture.store.read { try $0.conflicts(openOnly: true) }.isEmpty)
        }
    }
}
