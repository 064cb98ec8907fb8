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
}
