import BillingSyncEngine
import BillingSyncTesting
import Foundation
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
            // The fetcher's pacing on a manual clock: launches at 1.1 s and 2.2 s, whatever the
            // machine's load. maxConcurrency 2 gives one start read room for both fetches.
            let clock = ManualClock()
            let origin = Date(timeIntervalSince1970: 1_800_000_000)
            let environment = SyncEnvironment(clock: clock, now: { origin.addingTimeInterval(clock.now.offset.seconds) },
                                              random: RandomSource(seed: 1), owner: .currentProcess)
            let fetcher = ProfileFetcher(client: fixture.reconciler.client, store: fixture.store, maxConcurrency: 2,
                                         environment: environment)
            let fetches = Mutex<[ProfileFetch]>([])
            let run = Task {
                try await fetcher.fetchAll(ids, batchSize: 1, spreadOver: .milliseconds(2200)) { batch in
                    fetches.withLock { $0 += batch }
                }
            }
            /// Waits (in real time, at most 20 s) until `condition` holds.
            func waitUntil(_ what: String, _ condition: () async -> Bool) async throws {
                let deadline = ContinuousClock.now + .seconds(20)
                while !(await condition()) {
                    try #require(ContinuousClock.now < deadline, "timed out waiting until \(what)")
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            try await waitUntil("the first pace sleep") { clock.sleeperCount == 1 }
            clock.advance(by: .milliseconds(1100))
            // The first fetch has read its start once its GET is on the wire; then the mirror's
            // sequence moves on (a write of any other part of the engine), before the second launch.
            let route = "GET /v1/customers/{id}/profiles/billing"
            try await waitUntil("the first GET") { await fixture.state.requestCount(route: route) >= 1 }
            let advanced = try await fixture.store.write { try $0.advanceMirrorSequence() }
            try await waitUntil("the second pace sleep") { clock.sleeperCount == 1 }
            clock.advance(by: .milliseconds(1100))
            try await run.value
            let sequences = fetches.withLock { $0.map(\.startSequence) }
            #expect(sequences.sorted() == [advanced - 1, advanced], "\(sequences), write at \(advanced)")
            #expect(ProfileFetcher.maxStartAge == .seconds(1))
        }
    }
}
