import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Synchronization
import Testing

@Suite("The outbox loop wakes on commits of other connections")
struct OutboxChangeWakeTests {
    /// Counts finished outbox passes (each reports the outbox's problem, nil when it succeeded).
    final class OutboxPasses: SyncObserver {
        private let count = Mutex(0)
        var finished: Int { count.withLock { $0 } }
        func progress() {}
        func status(_ text: String) {}
        func problem(_ error: (any Error)?, in activity: SyncActivity) {
            if activity == .outbox { count.withLock { $0 += 1 } }
        }
        func record(_ event: SyncEvent) {}
    }

    @Test("with push.poll_interval = 30 s, an edit inserted by another connection is pushed within seconds")
    func editOfAnotherConnectionPushedWithoutPolling() async throws {
        let environment = try await EmulatedEnvironment.start(EmulatorConfiguration(customerCount: 5, seed: 11)) {
            $0.push.pollInterval = .seconds(30)
        }
        let passes = OutboxPasses()
        let components = try environment.components(observer: passes)
        let loops = Task { try await components.runLoops() }
        let tool = try Connection(path: environment.databasePath, mode: .readWrite)
        do {
            // Loaded, and the outbox loop's first pass (on the empty outbox) done: from here on only
            // a change signal or the 30 s poll makes it look again.
            let ready = ContinuousClock.now + .seconds(120)
            while try await components.store.read({ try $0.checkpoint(Reconciler.lastSuccessKey) }) == nil
                    || passes.finished == 0 {
                try #require(ContinuousClock.now < ready, "the initial load and the first outbox pass finish")
                try await Task.sleep(for: .milliseconds(20))
            }
            let id = await environment.emulator.state.customerIDs()[0]
            try tool.run("INSERT INTO outbox (customer_id, patch, queued_by) VALUES (?, ?, 'test')",
                         [id.rawValue, #"{"defaultAddress":{"city":"Inotify City"}}"#])
            let editID = tool.lastInsertRowID
            let queuedAt = ContinuousClock.now
            var status: String?
            while ContinuousClock.now - queuedAt < .seconds(10) {
                status = try tool.queryFirst("SELECT status FROM outbox WHERE id = ?", [editID])?.string("status")
                if status == "pushed" { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(status == "pushed", "pushed within 10 s, a third of the poll interval")
            #expect(await environment.emulator.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue
                    == "Inotify City")
            // The pass reports just after it wrote the edit's status; give it a moment, then make
            // sure the daemon's own writes (hints too) caused no further pass.
            let reported = ContinuousClock.now + .seconds(5)
            while passes.finished < 2 && ContinuousClock.now < reported {
                try await Task.sleep(for: .milliseconds(20))
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(passes.finished == 2, "one pass for the edit, none for the daemon's own writes")
        } catch {
            tool.close()
            loops.cancel()
            _ = await loops.result
            await components.shutdownHTTP()
            try? await environment.shutdown()
            throw error
        }
        tool.close()
        loops.cancel()
        _ = await loops.result
        await components.shutdownHTTP()
        try await environment.shutdown()
    }
}
