import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("reliability: SIGKILL loop against the real daemon", .serialized)
struct KillLoopTests {
    @Test("kill -9 at random moments (reconcile, push, start-up): nothing lost, nothing applied twice, integrity ok")
    func killLoop() async throws {
        let scale = ReliabilityScale.current
        var emulator = EmulatorConfiguration(customerCount: scale.customers, seed: 11)
        emulator.faults.latency = .milliseconds(4)
        emulator.faults.latencyJitter = .milliseconds(16)
        emulator.faults.lostPutResponseRate = 0.1
        let harness = try await DaemonLauncher.start(emulator) { settings in
            settings.sync.maxConcurrency = 4
            settings.sync.auditInterval = .milliseconds(300)
            settings.sync.fullResyncInterval = .seconds(2)
            settings.sync.fullResyncJitter = .zero
            settings.push.maxAttempts = 10
            settings.push.pollInterval = .milliseconds(100)
        }
        let state = harness.state
        let ids = await state.customerIDs()
        var initialETags: [CustomerID: String] = [:]
        for id in ids { initialETags[id] = await state.profile(id)?.value(atPath: "attributes.etag")?.stringValue }
        // A mirror to edit from the first cycle on: one complete sync before the kills begin
        // (with 150 customers a first reconcile outlasts every kill, and no edit could be queued).
        #expect(try await harness.syncOnce() == 0, "the initial sync --once failed")
        await state.setDrift(DriftSettings(changesPerMinute: 300))

        var run = KillLoopRun(harness: harness, ids: ids, scale: scale)
        for cycle in 0..<scale.kills {
            try await run.cycle(cycle)
        }
        await state.setDrift(nil)
        try await run.queueRemaining()
        let linesBefore = harness.notify.lines.count
        let daemon = try harness.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await harness.notify.waitFor("READY=1", after: linesBefore, timeout: .seconds(30)))
        let settled = try await harness.waitUntil(timeout: .seconds(90)) { context in
            try context.edits(status: .pending, limit: 1).isEmpty && context.edits(status: .pushing, limit: 1).isEmpty
        }
        #expect(settled, "edits still pending after the kill loop; log:\n\(String(daemon.output.suffix(3000)))")
        let logBeforeStop = daemon.output.count
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(15))
        #expect(status == 0, "SIGTERM: exit status \(String(describing: status)); log since:\n\(String(daemon.output.dropFirst(logBeforeStop).suffix(4000)))")
        #expect(try await harness.syncOnce() == 0, "the last full reconcile failed")

        try await KillLoopVerdict.check(run: run, harness: harness, initialETags: initialETags)
        try await harness.shutdown()
    }
}
