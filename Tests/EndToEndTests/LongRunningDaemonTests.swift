import BillingSyncDaemon
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

/// What a daemon that runs for months meets: rotated refresh tokens across restarts, broken
/// credentials at start-up, a mistyped configuration on reload, several tenants on one host.
@Suite("a daemon that runs for months", .serialized)
struct LongRunningDaemonTests {
    @Test("the rotated refresh token is kept (0600) and used after a restart; an operator's new credential wins")
    func refreshTokenRotationAcrossRestarts() async throws {
        var emulator = EmulatorConfiguration(customerCount: 6, seed: 9)
        emulator.rotatesRefreshTokens = true
        let fixture = try await DaemonLauncher.start(emulator)
        let kept = RefreshTokenFile(databasePath: fixture.databasePath)

        let log = { (try? String(contentsOfFile: fixture.logPath, encoding: .utf8)) ?? "" }
        #expect(try await fixture.syncOnce() == 0, "\(log())")
        #expect(Deployment.mode(kept.path)?.mode == 0o600)
        let keptText = try String(contentsOfFile: kept.path, encoding: .utf8)
        #expect(!keptText.contains(fixture.environment.emulator.configuration.credentials.refreshToken))
        // A restart: the credential file's token is superseded now; the kept one is used.
        #expect(try await fixture.syncOnce() == 0, "\(log())")
        let daemon = try fixture.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await fixture.notify.waitFor("READY=1"))
        #expect(try await fixture.waitForHealth("healthy")?.state == "healthy", "\(daemon.output)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)

        // `status` tells when the token was last refreshed.
        let status = try await CLIRunner.run(["status", "--config", fixture.configPath], in: fixture.environment.folder)
        #expect(status.stdout.contains("refresh token: last refreshed "), "\(status)")
        #expect(!status.stdout.contains("the refresh token was last used"), "\(status)")
        // Stopped for 80 days: status warns before Entra ID's 90 days without use run out.
        var old = [timeval(tv_sec: Int(Date().timeIntervalSince1970) - 80 * 86_400, tv_usec: 0)]
        old.append(old[0])
        #expect(utimes(kept.path, old) == 0)
        let stale = try await CLIRunner.run(["status", "--config", fixture.configPath], in: fixture.environment.folder)
        #expect(stale.stdout.contains("warning:  the refresh token was last used 80 days ago"), "\(stale)")

        // The operator renews consent and replaces the credential file: that token is used.
        let renewed = await fixture.state.grantConsent()
        try renewed.write(toFile: fixture.environment.folder + "/refresh-token", atomically: true, encoding: .utf8)
        chmod(fixture.environment.folder + "/refresh-token", 0o600)
        #expect(try await fixture.syncOnce() == 0)
        #expect(await fixture.state.isRefreshTokenSuperseded(renewed), "the renewed credential was not used")
        try await fixture.shutdown()
    }

    @Test("broken credentials at start-up: READY=1 once the database is ready, credentials_expired in the health file, watchdog fed, no crash loop")
    func startupWaitsForCredentialsAfterReady() async throws {
        let fixture = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 3, seed: 4))
        await fixture.state.revokeRefreshToken()
        let daemon = try fixture.launch(watchdog: .seconds(2))
        defer { daemon.terminateIfRunning() }
        #expect(try await fixture.notify.waitFor("READY=1", timeout: .seconds(10)), "no READY=1:\n\(daemon.output)")
        let health = try await fixture.waitForHealth("credentials_expired", timeout: .seconds(10))
        #expect(health?.state == "credentials_expired", "\(daemon.output)")
        #expect(health?.lastError?.contains("invalid_grant") == true)
        let pings = fixture.notify.lines.count
        #expect(try await fixture.notify.waitFor("WATCHDOG=1", after: pings, timeout: .seconds(5)), "watchdog starved while waiting")
        #expect(daemon.process.isRunning)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try await fixture.shutdown()
    }

    @Test("a reload with a header that crashed the TOML parser ([,ync]) is refused; the daemon keeps running its old configuration")
    func reloadWithCrashingHeader() async throws {
        let fixture = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 4, seed: 2))
        let daemon = try fixture.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await fixture.notify.waitFor("READY=1"))
        #expect(try await fixture.waitForHealth("healthy")?.state == "healthy")
        let valid = try String(contentsOfFile: fixture.configPath, encoding: .utf8)
        let broken = valid.replacingOccurrences(of: "[sync]", with: "[,ync]")
        try broken.write(toFile: fixture.configPath, atomically: true, encoding: .utf8)

        // What ExecReload runs first: a clear error, exit 1, no signal.
        let check = try await CLIRunner.run(["check-config", fixture.configPath], in: fixture.environment.folder)
        #expect(check.status == 1 && !check.signaled, "\(check)")
        #expect(check.stderr.contains("table header"), "\(check)")

        let before = fixture.notify.lines.count
        daemon.signal(SIGHUP)
        #expect(try await fixture.notify.waitFor("READY=1", after: before, timeout: .seconds(10)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(daemon.process.isRunning, "\(daemon.output)")
        #expect(daemon.output.contains("reload refused"))
        #expect(try await fixture.waitForHealth("healthy")?.state == "healthy")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        try await fixture.shutdown()
    }

    @Test("two instances (billing-sync@a, billing-sync@b) for two tenants keep separate databases and health files")
    func twoTenants() async throws {
        let a = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 5, seed: 1, tenantID: "aaaaaaaa-1111-4111-8111-111111111111"))
        let b = try await DaemonLauncher.start(EmulatorConfiguration(customerCount: 8, seed: 2, tenantID: "bbbbbbbb-2222-4222-8222-222222222222"))
        let daemons = try [a.launch(), b.launch()]
        defer { daemons.forEach { $0.terminateIfRunning() } }
        for (fixture, count) in [(a, 5), (b, 8)] {
            #expect(try await fixture.waitUntil { try $0.counts().activeCustomers == count })
            #expect(try await fixture.waitForHealth("healthy")?.state == "healthy")
        }
        let idsA = try StoreReader(path: a.databasePath).read { try $0.customerIDs(includeRemoved: true) }
        let idsB = try StoreReader(path: b.databasePath).read { try $0.customerIDs(includeRemoved: true) }
        let emulatedA = await a.state.customerIDs()
        let emulatedB = await b.state.customerIDs()
        #expect(Set(idsA) == Set(emulatedA) && Set(idsB) == Set(emulatedB))
        #expect(Set(idsA).isDisjoint(with: idsB))
        let healthA = try HealthFile(databasePath: a.databasePath).read()
        let healthB = try HealthFile(databasePath: b.databasePath).read()
        #expect(healthA.pid == daemons[0].pid && healthB.pid == daemons[1].pid)
        for daemon in daemons { daemon.signal(SIGTERM) }
        for daemon in daemons { #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0) }
        try await a.shutdown()
        try await b.shutdown()
    }
}
