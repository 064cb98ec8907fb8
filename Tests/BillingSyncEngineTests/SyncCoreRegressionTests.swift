import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
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
        let remote = try await fixture.components.client.billingProfile(id)
        var body = remote.resource
        body.setValue(.string(city), atPath: Self.city)
        _ = try await fixture.components.client.updateBillingProfile(
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
        let fetcher = ProfileFetcher(client: fixture.components.client, store: fixture.store, maxConcurrency: 1)
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

    // 4
    @Test("a new PUT never reuses the MS-RequestId of an earlier one (a replaying service would fake success)")
    func requestIDBelongsToOnePut() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let first = try await queue(fixture, id, [Self.city: .string("Geneva")])
            // The daemon sent edit 1's PUT under request id R, it landed, and it crashed before the commit.
            let requestID = UUID()
            let remote = try await fixture.components.client.billingProfile(id)
            var body = remote.resource
            body.setValue(.string("Geneva"), atPath: Self.city)
            _ = try await fixture.components.client.updateBillingProfile(
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
            let client = fixture.components.client
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

    // 7
    @Test("a profile fetched before our push and written after it never replaces the pushed row")
    func staleFetchNeverOverwritesPush() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let fetcher = ProfileFetcher(client: fixture.components.client, store: fixture.store, maxConcurrency: 1)
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
            #expect(try await fixture.store.read { try $0.profile(id) }?.status == "not_found")
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
                fixture, attempts: fixture.components.scheduler.pusher.configuration.maxPushAttempts)
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
                                       attempts: fixture.components.scheduler.pusher.configuration.maxPushAttempts)
            _ = try await fixture.pusher.pushPending()
            let settled = try await edit(fixture, editID)
            #expect(settled.status == .pushed)
            #expect(await fixture.state.writeLog().count == 1)
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
            let second = try StoreWriter(path: fixture.environment.databasePath)
            let other = OutboxPusher(context: SyncContext(
                client: fixture.components.client, store: second, configuration: fixture.pusher.configuration,
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

@Suite("Claim owners")
struct ClaimOwnerTests {
    @Test("a claim of this process is alive; one of a process that ended, or of a reused pid, is not")
    func liveness() throws {
        let me = ClaimOwner.currentProcess
        #expect(me.isAlive(me.id))
        let host = ProcessInfo.processInfo.hostName
        // A pid far above pid_max cannot exist.
        #expect(!me.isAlive("pid:99999999:12345@\(host)#abcd"))
        // This pid with another start time: the pid was reused.
        #expect(!me.isAlive("pid:\(getpid()):1@\(host)#abcd"))
        // Another host's owner cannot be checked here: only its lease can end it.
        #expect(me.isAlive("pid:1:1@some-other-host#abcd"))
        #expect(ClaimOwner.distinctInThisProcess().id != me.id)
    }
}
