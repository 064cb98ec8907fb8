import BillingSyncEngine
import PartnerCenterModels
import Synchronization
import Testing

@Suite("Batches of fetched profiles")
struct ProfileBatchTests {
    @Test("at a paced rate a partial batch is handed over once its first profile has waited maxBatchDelay")
    func pacedBatchesDoNotWaitToFill() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            let ids = await fixture.state.customerIDs()
            let fetcher = ProfileFetcher(client: fixture.reconciler.client, store: fixture.store, maxConcurrency: 1)
            let batches = Mutex<[Int]>([])
            // One request every 0.6 s: the batch of 200 would fill after 120 s; the first one
            // is handed over when its first profile has waited 1 s (the third result).
            try await fetcher.fetchAll(ids, batchSize: 200, spreadOver: .milliseconds(2400)) { batch in
                batches.withLock { $0.append(batch.count) }
            }
            let sizes = batches.withLock { $0 }
            #expect(sizes.reduce(0, +) == 4)
            #expect(sizes.count >= 2 && (sizes.first ?? 4) < 4, "\(sizes)")
            #expect(ProfileFetcher.maxBatchDelay == .seconds(1))
        }
    }

    @Test("fetches launched together share one start read; one launched after maxStartAge reads its own")
    func startDataIsNotUsedPastItsAge() async throws {
        try await EngineFixture.with(customers: 2) { fixture in
            let ids = await fixture.state.customerIDs()
            // Room for both fetches in one start read, but launched 1.1 s apart (> maxStartAge).
            let fetcher = ProfileFetcher(client: fixture.reconciler.client, store: fixture.store, maxConcurrency: 2)
            let route = "GET /v1/customers/{id}/profiles/billing"
            let state = fixture.state
            let store = fixture.store
            // Once the first profile GET is on the wire, the mirror's sequence moves on (a write of
            // any other part of the engine): the second fetch, launched ~1 s later, must start after it.
            let writer = Task {
                while await state.requestCount(route: route) == 0 { try await Task.sleep(for: .milliseconds(5)) }
                return try await store.write { try $0.advanceMirrorSequence() }
            }
            let fetches = Mutex<[ProfileFetch]>([])
            try await fetcher.fetchAll(ids, batchSize: 1, spreadOver: .milliseconds(2200)) { batch in
                fetches.withLock { $0 += batch }
            }
            let advanced = try await writer.value
            let sequences = fetches.withLock { $0.map(\.startSequence) }
            #expect(sequences.count == 2)
            #expect(sequences.min() ?? 0 < advanced && sequences.max() == advanced, "\(sequences), write at \(advanced)")
            #expect(ProfileFetcher.maxStartAge == .seconds(1))
        }
    }
}
