import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import PartnerCenterModels
import Testing

@Suite("Full reconcile against the emulator")
struct ReconcileTests {
    static let profileRoute = "GET /v1/customers/{id}/profiles/billing"

    @Test("mirrors every customer and profile with its ETag and the resource as received")
    func mirrorsEverything() async throws {
        try await EngineFixture.with(customers: 120, engine: { $0.pageSize = 25 }) { fixture in
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.customersSeen == 120)
            #expect(counts.profilesFetched == 120)
            #expect(counts.errors == 0)
            let ids = await fixture.state.customerIDs()
            let stored = try await fixture.store.read { try $0.profiles(ids) }
            #expect(stored.count == 120)
            for id in ids.prefix(20) {
                let remote = try #require(await fixture.state.profile(id))
                let mirrored = try #require(stored[id])
                #expect(mirrored.resource == remote)
                #expect(mirrored.etag == remote.value(atPath: "attributes.etag")?.stringValue)
                #expect(mirrored.columns["defaultAddress.country"] ?? nil == remote.value(atPath: "defaultAddress.country")?.stringValue)
                #expect(mirrored.isTampered == false)
            }
        }
    }

    @Test("an unchanged second reconcile writes no history and keeps the ETags")
    func unchangedSecondRun() async throws {
        try await EngineFixture.with(customers: 40) { fixture in
            try await fixture.reconciler.runFull()
            let second = try await fixture.reconciler.runFull()
            #expect(second.profilesUnchanged == 40)
            #expect(second.profilesChanged == 0)
            let counts = try await fixture.store.read { try $0.counts() }
            #expect(counts.historyRows == 0)
            #expect(await fixture.state.requestCount(route: Self.profileRoute, status: 200) == 80)
        }
    }

    @Test("a remote change becomes field-level history with old and new ETag")
    func remoteDrift() async throws {
        try await EngineFixture.with(customers: 15) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[3]
            let before = try #require(await fixture.state.profile(id))
            let newETag = await fixture.state.modifyProfile(id) { $0.setValue(.string("Zürich"), atPath: "defaultAddress.city") }
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.profilesChanged == 1)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            let row = try #require(history.first { $0.entry.field == "defaultAddress.city" })
            #expect(row.entry.oldValue == before.value(atPath: "defaultAddress.city")?.stringValue)
            #expect(row.entry.newValue == "Zürich")
            #expect(row.entry.source == .remote)
            #expect(row.entry.oldETag == before.value(atPath: "attributes.etag")?.stringValue)
            #expect(row.entry.newETag == newETag)
        }
    }

    @Test("a customer gone from the list is marked removed, never deleted")
    func removedCustomer() async throws {
        try await EngineFixture.with(customers: 12) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[5]
            #expect(await fixture.state.removeCustomer(id))
            let counts = try await fixture.reconciler.runFull()
            #expect(counts.customersRemoved == 1)
            let row = try await fixture.store.read { try $0.customer(id) }
            #expect(row?.removedAt != nil)
            #expect(try await fixture.store.read { try $0.profile(id) } != nil)
        }
    }

    @Test("a mirror row edited by hand is detected, restored and recorded as local tampering")
    func localTampering() async throws {
        try await EngineFixture.with(customers: 8) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            let remoteCity = await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue
            let connection = try fixture.openConnection()
            try connection.run("UPDATE billing_profiles SET address_city = 'Hacked' WHERE customer_id = ?", [id.rawValue])
            connection.close()
            #expect(try await fixture.store.read { try $0.profile(id) }?.isTampered == true)
            try await fixture.reconciler.runFull()
            let restored = try #require(try await fixture.store.read { try $0.profile(id) })
            #expect(restored.isTampered == false)
            #expect(restored.columns["defaultAddress.city"] ?? nil == remoteCity)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(history.contains { $0.entry.source == .localTampering && $0.entry.field == "defaultAddress.city"
                    && $0.entry.oldValue == "Hacked" && $0.entry.newValue == remoteCity })
        }
    }
}
