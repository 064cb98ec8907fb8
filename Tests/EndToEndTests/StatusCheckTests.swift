import BillingSyncDaemon
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// `billing-sync status` as a monitoring check: exit 0/1/2/3 against a real daemon, one that
/// was SIGKILLed (its health file still says healthy), and no daemon at all.
@Suite("status exit codes", .serialized)
struct StatusCheckTests {
    @Test("0 while healthy, 1 while forbidden, 2 after SIGKILL (stale pid), 3 without a health file; --json agrees")
    func exitCodes() async throws {
        let fixture = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 4, seed: 5)) {
            $0.sync.auditInterval = .seconds(1)
        }
        let folder = fixture.environment.folder
        let none = try await CLIRunner.run(["status", "--database", folder + "/missing.sqlite"], in: folder)
        #expect(none.status == 1, "no database at all is an error (exit 1)\n\(none)")

        let daemon = try fixture.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await fixture.waitForHealth("healthy")?.state == "healthy", "\(daemon.output)")
        let healthy = try await CLIRunner.run(["status", "--config", fixture.configPath], in: folder)
        #expect(healthy.status == 0, "\(healthy)")
        #expect(healthy.stdout.contains("check:    healthy (exit 0)") && healthy.stdout.contains("health file written"), "\(healthy)")
        let quiet = try await CLIRunner.run(["status", "--quiet", "--config", fixture.configPath], in: folder)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet)")

        await fixture.state.forbid(true)
        #expect(try await fixture.waitForHealth("forbidden", timeout: .seconds(20))?.state == "forbidden")
        let degraded = try await CLIRunner.run(["status", "--json", "--config", fixture.configPath], in: folder)
        #expect(degraded.status == 1, "\(degraded)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(degraded.stdout.utf8)) as? [String: Any])
        let check = try #require(object["check"] as? [String: Any])
        #expect(object["version"] as? Int == 1)
        #expect(check["verdict"] as? String == "degraded" && check["exitCode"] as? Int == 1)
        #expect((check["healthFileAgeSeconds"] as? Double).map { $0 >= 0 && $0 < 60 } == true, "\(check)")
        await fixture.state.forbid(false)
        // The reconcile loop retries a failed pass after a jittered backoff (up to 5 s · 2^failures),
        // so health can take tens of seconds to come back on a loaded machine.
        #expect(try await fixture.waitForHealth("healthy", timeout: .seconds(90))?.state == "healthy")

        // SIGKILL: the health file still says healthy, but its pid is gone.
        daemon.signal(SIGKILL)
        _ = try await daemon.waitForExit(timeout: .seconds(10))
        #expect(try HealthFile(databasePath: fixture.databasePath).read().state == "healthy")
        let down = try await CLIRunner.run(["status", "--config", fixture.configPath], in: folder)
        #expect(down.status == 2, "\(down)")
        #expect(down.stdout.contains("down (exit 2): pid ") && down.stdout.contains("is not running"), "\(down)")

        // No health file: unknown.
        try FileManager.default.removeItem(atPath: HealthFile(databasePath: fixture.databasePath).path)
        let unknown = try await CLIRunner.run(["status", "--config", fixture.configPath], in: folder)
        #expect(unknown.status == 3, "\(unknown)")
        try await fixture.shutdown()
    }
}
