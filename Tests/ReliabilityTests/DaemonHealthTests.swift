import BillingSyncDaemon
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

@Suite("reliability: the daemon's health file under auth faults", .serialized)
struct DaemonHealthTests {
    @Test("expired tokens are renewed silently; 403 shows forbidden and a queued edit waits for access")
    func authFaults() async throws {
        let (harness, daemon) = try await DaemonLauncher.launchSynced(seed: 41)
        defer { daemon.terminateIfRunning() }
        let state = harness.state
        let ids = await state.customerIDs()

        // Expired access tokens: a new one is fetched, the edit goes through, health stays healthy.
        try await harness.expectPushAfterTokenExpiry(ids[0])
        #expect((try? HealthFile(databasePath: harness.databasePath).read())?.state == "healthy")

        // 403: forbidden with the Partner Center message; a queued edit stays pending, then goes through.
        await state.forbid(true)
        let forbidden = try await harness.waitForHealth("forbidden", timeout: .seconds(15))
        #expect(forbidden?.state == "forbidden", "\(String(describing: forbidden))")
        #expect(forbidden?.lastError?.contains("403") == true, "last error: \(forbidden?.lastError ?? "none")")
        let (waiting, held) = try await harness.queueEditAndRecheck(ids[1], marker: "after-403")
        #expect(held?.status == .pending, "an edit queued while forbidden ended \(String(describing: held?.status))")
        await state.forbid(false)
        #expect(try await harness.waitUntil(timeout: .seconds(40)) { try $0.edit(id: waiting)?.status == .pushed })
        let afterForbidden = try await harness.waitForHealth("healthy", timeout: .seconds(3))

        #expect(daemon.process.isRunning)
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(8))
        #expect(status == 0, "SIGTERM: exit \(String(describing: status)) (nil = still running after 8 s)")

        #expect(afterForbidden?.state == "healthy", "health after 403 ended: \(String(describing: afterForbidden))")
        print("reliability: health expired_tokens=healthy forbidden=\(forbidden?.state ?? "none") "
              + "after_403=\(afterForbidden?.state ?? "none") sigterm_exit=\(status.map(String.init) ?? "hung")")
        try await harness.shutdown()
    }

    @Test("a revoked refresh token shows credentials_expired naming invalid_grant; the edit waits; SIGTERM still stops")
    func revokedRefreshToken() async throws {
        let (harness, daemon) = try await DaemonLauncher.launchSynced(seed: 43)
        defer { daemon.terminateIfRunning() }
        let ids = await harness.state.customerIDs()

        let expired = try await harness.revokeCredentials()
        #expect(expired?.state == "credentials_expired", "\(String(describing: expired))")
        #expect(expired?.lastError?.contains("invalid_grant") == true, "last error: \(expired?.lastError ?? "none")")
        let kept = try await harness.queueEditAndRecheck(ids[2], marker: "after-revoke").edit
        #expect(kept?.status == .pending, "an edit queued without credentials ended \(String(describing: kept?.status))")
        #expect(daemon.process.isRunning)
        let logBeforeStop = daemon.output.count
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(10))
        #expect(status == 0, "SIGTERM with revoked credentials: exit \(String(describing: status)); log since:\n\(String(daemon.output.dropFirst(logBeforeStop).suffix(3000)))")
        print("reliability: health revoked_refresh_token=\(expired?.state ?? "none") edit_kept=\(kept?.status.rawValue ?? "none") sigterm_exit=\(status.map(String.init) ?? "hung")")
        try await harness.shutdown()
    }
}
