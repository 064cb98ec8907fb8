import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("billing-sync run as a real child process", .serialized)
struct DaemonProcessTests {
    @Test("notify protocol, outbox pickup, reload on SIGHUP, clean stop on SIGTERM, no secret in logs")
    func lifecycle() async throws {
        let fixture = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 40, seed: 5))
        let daemon = try fixture.launch(watchdog: .seconds(2))
        defer { daemon.terminateIfRunning() }

        #expect(try await fixture.notify.waitFor("READY=1"), "no READY=1; output:\n\(daemon.output)")
        #expect(try await fixture.waitUntil { try $0.recentRuns(limit: 5).contains { $0.kind == "full" && $0.status == "ok" } })

        // An edit queued by another process with plain SQL is pushed within seconds.
        let id = await fixture.state.customerIDs()[7]
        let connection = try Connection(path: fixture.databasePath, mode: .readWrite)
        try connection.run("INSERT INTO outbox(customer_id, patch) VALUES (?, ?)",
                           [id.rawValue, #"{"defaultAddress":{"city":"Reykjavík"}}"#])
        connection.close()
        let queuedAt = ContinuousClock.now
        #expect(try await fixture.waitUntil(timeout: .seconds(10)) { try $0.edits(status: .pushed, limit: 5).count == 1 })
        #expect(ContinuousClock.now - queuedAt < .seconds(5))
        #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Reykjavík")

        // The watchdog is fed while the loops make progress.
        #expect(try await fixture.notify.waitFor("WATCHDOG=1", timeout: .seconds(5)))

        // SIGHUP with a valid configuration: RELOADING=1 + MONOTONIC_USEC, then READY=1 again.
        let before = fixture.notify.lines.count
        daemon.signal(SIGHUP)
        #expect(try await fixture.notify.waitFor("RELOADING=1", after: before, timeout: .seconds(10)))
        #expect(fixture.notify.lines.dropFirst(before).contains { $0.hasPrefix("MONOTONIC_USEC=") })
        #expect(try await fixture.notify.waitFor("READY=1", after: before, timeout: .seconds(10)))

        // SIGHUP with an invalid configuration: refused, old one kept, still running.
        let valid = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        try (valid + "\n[bogus]\nkey = 1\n").write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        let beforeInvalid = fixture.notify.lines.count
        daemon.signal(SIGHUP)
        #expect(try await fixture.notify.waitFor("READY=1", after: beforeInvalid, timeout: .seconds(10)))
        try valid.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)
        #expect(daemon.process.isRunning)
        #expect(daemon.output.contains("reload refused"))

        // SIGTERM: STOPPING=1 and exit 0 within a few seconds.
        let beforeStop = fixture.notify.lines.count
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(10))
        #expect(status == 0, "exit status \(String(describing: status)); output:\n\(daemon.output)")
        #expect(fixture.notify.lines.dropFirst(beforeStop).contains("STOPPING=1"))

        // Secrets never reach the logs.
        let log = daemon.output
        let credentials = fixture.environment.emulator.configuration.credentials
        #expect(!log.contains(credentials.clientSecret))
        #expect(!log.contains(credentials.refreshToken))
        #expect(!log.contains("Bearer ey"))
        try await fixture.shutdown()
    }
}
