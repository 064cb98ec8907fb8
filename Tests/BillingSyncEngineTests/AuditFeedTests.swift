import BillingSyncEngine
import BillingSyncStore
import PartnerCenterModels
import Testing

@Suite("Incremental sync from the audit feed")
struct AuditFeedTests {
    @Test("re-fetches only the customers the feed names, and records their drift")
    func refetchesOnlyChanged() async throws {
        try await EngineFixture.with(customers: 60) { fixture in
            try await fixture.reconciler.runFull()
            _ = try await fixture.poller.pollOnce()  // moves the checkpoint past the initial state
            let ids = await fixture.state.customerIDs()
            let changed = [ids[4], ids[17], ids[42]]
            for id in changed {
                await fixture.state.modifyProfile(id) { $0.setValue(.string("Lisboa"), atPath: "defaultAddress.city") }
            }
            let before = await fixture.state.requestCount(route: ReconcileTests.profileRoute)
            let result = try await fixture.poller.pollOnce()
            let after = await fixture.state.requestCount(route: ReconcileTests.profileRoute)
            #expect(Set(result.refreshed) == Set(changed))
            #expect(after - before == 3)
            for id in changed {
                let history = try await fixture.store.read { try $0.history(customerID: id, limit: 5) }
                #expect(history.contains { $0.entry.field == "defaultAddress.city" && $0.entry.newValue == "Lisboa" })
            }
            let checkpoint = try await fixture.store.read { try $0.checkpoint(AuditFeedPoller.checkpointKey) }
            #expect(checkpoint != nil)
            // Nothing new: nothing fetched.
            let again = try await fixture.poller.pollOnce()
            #expect(again.refreshed.isEmpty)
            #expect(await fixture.state.requestCount(route: ReconcileTests.profileRoute) == after)
        }
    }

    @Test("a deleted customer is marked removed; an added one is mirrored")
    func addAndDelete() async throws {
        try await EngineFixture.with(customers: 10) { fixture in
            try await fixture.reconciler.runFull()
            _ = try await fixture.poller.pollOnce()
            let gone = await fixture.state.customerIDs()[1]
            await fixture.state.removeCustomer(gone)
            let added = await fixture.state.addCustomer(companyName: "Nouvelle Société", country: "FR")
            let result = try await fixture.poller.pollOnce()
            #expect(result.removed == [gone])
            #expect(result.refreshed == [added])
            #expect(try await fixture.store.read { try $0.customer(gone) }?.removedAt != nil)
            #expect(try await fixture.store.read { try $0.customer(added) }?.record.companyName == "Nouvelle Société")
            #expect(try await fixture.store.read { try $0.profile(added) }?.status == .ok)
        }
    }
}
