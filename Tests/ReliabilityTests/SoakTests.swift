import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

/// Hours of drift and faults against the real daemon, with RSS and open descriptors sampled.
/// Not in CI: set `BILLING_SYNC_SOAK_SECONDS` (e.g. 14400 for four hours) to run it.
@Suite("reliability: soak with drift and faults", .serialized)
struct SoakTests {
    static let seconds = ProcessInfo.processInfo.environment["BILLING_SYNC_SOAK_SECONDS"].flatMap(Int.init)

    @Test("RSS and open file descriptors stay flat; every edit ends with an outcome",
          .enabled(if: seconds != nil, "set BILLING_SYNC_SOAK_SECONDS to run the soak"))
    func soak() async throws {
        let duration = Duration.seconds(Self.seconds ?? 60)
        var emulator = EmulatorConfiguration(customerCount: 300, seed: 77)
        emulator.drift = DriftSettings(changesPerMinute: 120)
        var faults = FaultSettings()
        faults.internalServerErrorRate = 0.02
        faults.connectionResetRate = 0.01
        faults.tooManyRequestsRate = 0.01
        faults.tooManyRequestsRetryAfter = 1
        emulator.faults = faults
        let launcher = try await DaemonLauncher.start(emulator) { settings in
            settings.sync.auditInterval = .seconds(5)
            settings.sync.fullResyncInterval = .seconds(300)
            settings.sync.fullResyncJitter = .seconds(10)
        }
        let daemon = try launcher.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await launcher.notify.waitFor("READY=1"))

        let ids = await launcher.state.customerIDs()
        let started = ContinuousClock.now
        var samples: [ProcessSample] = []
        var queued = 0
        while ContinuousClock.now - started < duration {
            try await Task.sleep(for: .seconds(2))
            let elapsed = (ContinuousClock.now - started).seconds
            if let sample = ProcessSample.read(pid: daemon.pid, elapsed: elapsed) { samples.append(sample) }
            if samples.count % 5 == 0, let id = ids.randomElement() {
                _ = try OutboxSQL.insert(databasePath: launcher.databasePath, customerID: id.rawValue,
                                         patch: #"{"defaultAddress":{"addressLine2":"soak-\#(queued)"}}"#)
                queued += 1
            }
        }
        #expect(daemon.process.isRunning, "the daemon died during the soak:\n\(daemon.output.suffix(2000))")
        let settled = try await launcher.waitUntil(timeout: .seconds(120)) { context in
            try context.edits(status: .pending, limit: 10).isEmpty && context.edits(status: .pushing, limit: 10).isEmpty
        }
        #expect(settled, "edits still pending after the soak")

        let earlyRSS = try #require(samples.median(in: 0.2...0.4) { $0.residentKiB })
        let lateRSS = try #require(samples.median(in: 0.8...1.0) { $0.residentKiB })
        let earlyFiles = try #require(samples.median(in: 0.2...0.4) { $0.openFiles })
        let lateFiles = try #require(samples.median(in: 0.8...1.0) { $0.openFiles })
        print("reliability: soak seconds=\(Int(duration.seconds)) samples=\(samples.count) edits=\(queued) "
              + "rss_kib early=\(earlyRSS) late=\(lateRSS) fds early=\(earlyFiles) late=\(lateFiles)")
        #expect(Double(lateRSS) <= Double(earlyRSS) * 1.15 + 4096, "RSS grew from \(earlyRSS) to \(lateRSS) KiB")
        #expect(lateFiles <= earlyFiles + 4, "open descriptors grew from \(earlyFiles) to \(lateFiles)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(15)) == 0)
        try await launcher.shutdown()
    }
}
