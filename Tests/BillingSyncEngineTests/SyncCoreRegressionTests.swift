import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import EmulatorCore
import PartnerCenterModels
import Synchronization
import Testing

/// One deterministic test per failure of the sync core found by hand (issue 9), against the
/// emulator over loopback HTTP. Each was red before its fix.
@Suite("Sync core regressions")
struct SyncCoreRegressionTests {
    static let putRoute = "PUT /v1/customers/{id}/profiles/billing"
    static let city = "defaultAddress.city"
    static let phone = "defaultAddress.phoneNumber"

    func remoteValue(_ fixture: EngineFixture, _ id: CustomerID, _ path: String) async -> String? {
        await fixture.state.profile(id)?.value(atPath: path)?.stringValue
    }

    func edit(_ fixture: EngineFixture, _ id: Int64) async throws -> OutboxEdit {
        try #require(try await fixture.store.read { try $0.edit(id: id) })
    }

    func queue(_ fixture: EngineFixture, _ id: CustomerID, _ changes: [String: JSONValue]) async throws -> Int64 {
        try await EditQueue(store: fixture.store).enqueue(customer: id, patch: EditPatch(changes: changes), queuedBy: "test").editID
    }

    /// Our PUT of `city` lands at Partner Center and the daemon dies before it commits: the edit
    /// is left `pushing` with `attempts` spent.
    func landPutThenCrash(_ fixture: EngineFixture, _ id: CustomerID, editID: Int64, city: String, attempts: Int) async throws {
        let remote = try await fixture.client.billingProfile(id)
        var body = remote.resource
        body.setValue(.string(city), atPath: Self.city)
        _ = try await fixture.client.updateBillingProfile(
            id, profile: BillingProfile(resource: body), ifMatch: try #require(remote.etag), requestID: UUID())
        try fixture.openConnection().run("UPDATE outbox SET status = 'pushing', attempts = ? WHERE id = ?", [attempts, editID])
    }

    /// The interleaving of seed 82791 up to where its variants part: a customer is mirrored, its
    /// city edited to "Ours", our PUT lands and the daemon dies (`landPutThenCrash`), and a
    /// reconcile beside it fetches the profile, which shows our PUT; that fetch is not written yet.
    func fetchBesideLandedPut(_ fixture: EngineFixture, attempts: Int) async throws
        -> (id: CustomerID, base: String?, editID: Int64, stale: ProfileFetch) {
        try await fixture.reconciler.runFull()
        let id = await fixture.state.customerIDs()[1]
        let base = await remoteValue(fixture, id, Self.city)
        let editID = try await queue(fixture, id, [Self.city: .string("Ours")])
        try await landPutThenCrash(fixture, id, editID: editID, city: "Ours", attempts: attempts)
        let fetcher = ProfileFetcher(client: fixture.client, store: fixture.store, maxConcurrency: 1)
        return (id, base, editID, try await fetcher.fetch(id))
    }

    // 1
    @Test("one customer answering 403 is that customer's problem: the others are mirrored and pushed")
    func oneForbiddenCustomerIsIsolated() async throws {
        try await EngineFixture.with(customers: 8) { fixture in
            let ids = await fixture.state.customerIDs()
            await fixture.state.forbidCustomer(ids[3], true)
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.errors == 1)
            let mirrored = try await fixture.store.read { try $0.profiles(ids) }
            #expect(mirrored.count == 7)
            #expect(mirrored[ids[3]] == nil)
            let connection = try fixture.openConnection()
            let recorded = try connection.queryFirst("SELECT fetch_error FROM customers WHERE id = ?", [ids[3].rawValue])
            #expect(recorded?.string("fetch_error")?.contains("403") == true)
            let run = try #require(try await fixture.store.read { try $0.recentRuns(limit: 1) }.first)
            #expect(run.message?.contains(ids[3].rawValue) == true)

            // A push for another customer goes through while one customer's push is refused.
            await fixture.state.forbidCustomer(ids[3], false)
            try await fixture.reconciler.runFull()
            let blocked = try await queue(fixture, ids[3], [Self.city: .string("Blocked")])
            let other = try await queue(fixture, ids[4], [Self.city: .string("Free")])
            await fixture.state.forbidCustomer(ids[3], true)
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, other).status == .pushed)
            #expect(await remoteValue(fixture, ids[4], Self.city) == "Free")
            #expect(try await edit(fixture, blocked).status == .pending)
            // Retried on a later pass once the customer answers again.
            await fixture.state.forbidCustomer(ids[3], false)
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, blocked).status == .pushed)
        }
    }

    @Test("every customer answering 403 still stops the run as forbidden")
    func everyCustomerForbiddenStops() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            for id in await fixture.state.customerIDs() { await fixture.state.forbidCustomer(id, true) }
            await #expect(throws: PartnerCenterError.self) { try await fixture.reconciler.runFull() }
        }
    }

    // 2
    @Test("a plain SQL INSERT without a base is judged against the mirror as it was when queued")
    func plainInsertGetsQueueTimeBase() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let connection = try fixture.openConnection()
            try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)",
                               [id.rawValue, #"{"defaultAddress":{"city":"Zurich"}}"#])
            let editID = connection.lastInsertRowID
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Yverdon"), atPath: Self.city) }
            try await fixture.reconciler.runFull()  // the mirror shows Yverdon before the push
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, editID).status == .conflict)
            #expect(await remoteValue(fixture, id, Self.city) == "Yverdon")
            #expect(await fixture.state.writeLog().isEmpty)
        }
    }

    // 3
    @Test("coalesced edits are each judged against their own base; the conflicting one is split off")
    func coalescingKeepsEachBase() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            let old = try #require(try await fixture.store.read { try $0.profile(id) })
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Yokohama"), atPath: Self.city) }
            try await fixture.reconciler.runFull()
            // Edit 1: phone, made on the mirror that shows Yokohama.
            let phoneEdit = try await queue(fixture, id, [Self.phone: .string("+41 44 555 0101")])
            // Edit 2: city, made by a tool that read the profile before Yokohama.
            let connection = try fixture.openConnection()
            try connection.run("INSERT INTO outbox (customer_id, patch, base_etag, base_snapshot) VALUES (?, ?, ?, ?)",
                               [id.rawValue, #"{"defaultAddress":{"city":"Zug"}}"#, old.etag, old.rawJSON])
            let cityEdit = connection.lastInsertRowID
            _ = try await fixture.pusher.pushPending()
            #expect(await remoteValue(fixture, id, Self.city) == "Yokohama")
            #expect(await remoteValue(fixture, id, Self.phone) == "+41 44 555 0101")
            #expect(try await edit(fixture, cityEdit).status == .conflict)
            #expect(try await edit(fixture, phoneEdit).status == .pushed)
        }
    }

    // 9
    @Test("customer ids are normalised to lower case when queued by plain SQL")
    func customerIDsAreLowerCased() async throws {
        try await EngineFixture.with(customers: 2) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let connection = try fixture.openConnection()
            try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)",
                               [id.rawValue.uppercased(), #"{"defaultAddress":{"city":"Upper"}}"#])
            let stored = try await edit(fixture, connection.lastInsertRowID)
            #expect(stored.customerIDText == id.rawValue)
            #expect(stored.baseSnapshot != nil)
        }
    }

    @Test("a pushed edit never moves back")
    func pushedIsFinal() async throws {
        try await EngineFixture.with(customers: 2) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let editID = try await queue(fixture, id, [Self.city: .string("Final")])
            _ = try await fixture.pusher.pushPending()
            #expect(try await edit(fixture, editID).status == .pushed)
            await #expect(throws: (any Error).self) {
                try await fixture.store.write { tx in
                    try tx.updateEdit(id: editID, status: .pending, lastError: nil, attempts: 0, requestID: nil, resultETag: nil)
                }
            }
            let connection = try fixture.openConnection()
            #expect(throws: (any Error).self) {
                try connection.run("UPDATE outbox SET status = 'pending' WHERE id = ?", [editID])
            }
            #expect(try await edit(fixture, editID).status == .pushed)
        }
    }

    @Test("two pushers on one database never push the same customer's edits concurrently")
    func twoPushersOneOwner() async throws {
        try await EngineFixture.with(customers: 6, emulator: { $0.faults.latency = .milliseconds(40) }) { fixture in
            try await fixture.reconciler.runFull()
            let ids = await fixture.state.customerIDs()
            var queued: [Int64] = []
            for id in ids { queued.append(try await queue(fixture, id, [Self.city: .string("Twice?")])) }
            let second = try StoreWriter(path: fixture.databasePath)
            let other = OutboxPusher(context: SyncContext(
                client: fixture.client, store: second, configuration: fixture.pusher.configuration,
                environment: SyncEnvironment(clock: ContinuousClock(), now: { Date() }, random: RandomSource(),
                                             owner: .distinctInThisProcess()),
                logger: fixture.pusher.logger))
            async let a = fixture.pusher.pushPending()
            async let b = other.pushPending()
            let (first, secondSummary) = try await (a, b)
            #expect(first.pushed + secondSummary.pushed == ids.count)
            let writes = await fixture.state.writeLog()
            #expect(writes.count == ids.count)
            #expect(Set(writes.map(\.customerID)).count == ids.count)
            for editID in queued { #expect(try await edit(fixture, editID).status == .pushed) }
            await second.close()
        }
    }

    // 10
    @Test("a Retry-After of an hour is capped")
    func retryAfterIsCapped() {
        let policy = RetryPolicy()
        #expect(policy.delay(retry: 1, retryAfter: .seconds(3600)) <= .seconds(120))
        #expect(policy.delay(retry: 1, retryAfter: .seconds(7)) == .seconds(7))
    }

    @Test("a 404 while adding a new customer named by the feed does not block the feed")
    func vanishedNewCustomerDoesNotBlockFeed() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let added = await fixture.state.addCustomer(companyName: "Here and gone")
            await fixture.state.dropCustomerWithoutAudit(added)
            let changed = await fixture.state.customerIDs()[0]
            await fixture.state.modifyProfile(changed) { $0.setValue(.string("Moved on"), atPath: Self.city) }
            _ = try await fixture.poller.pollOnce()
            #expect(try await fixture.store.read { try $0.profile(changed) }?.columns[Self.city] == "Moved on")
        }
    }
}
