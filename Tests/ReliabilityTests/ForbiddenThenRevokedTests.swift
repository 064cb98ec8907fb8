import BillingSyncDaemon
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import Testing

@Suite("reliability: 403 episode followed by a revoked refresh token", .serialized)
struct ForbiddenThenRevokedTests {
    @Test("after a token expiry, a 403 episode and a revoked refresh token, SIGTERM still stops the daemon")
    func sigtermAfterForbiddenThenRevoked() async throws {
        let (harness, daemon) = try await DaemonLauncher.launchSynced(seed: 47)
        defer { daemon.terminateIfRunning() }
        let state = harness.state
        let ids = await state.customerIDs()

        try await harness.expectPushAfterTokenExpiry(ids[0])
        await state.forbid(true)
        #expect(try await harness.waitForHealth("forbidden", timeout: .seconds(15))?.state == "forbidden")
        try harness.queueEdit(ids[1], marker: "during-403")
        try await Task.sleep(for: .seconds(1))
        await state.forbid(false)
        #expect(try await harness.waitUntil(timeout: .seconds(40)) { try $0.edits(status: .pushed, limit: 5).count == 2 })

        #expect(try await harness.revokeCredentials()?.state == "credentials_expired")
        let kept = try await harness.queueEditAndRecheck(ids[2], marker: "after-revoke").edit
        #expect(kept?.status == .pending)
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(8))
        #expect(status == 0, "SIGTERM: exit \(String(describing: status)) (nil = still running after 8 s)")
        print("reliability: forbidden-then-revoked sigterm_exit=\(status.map(String.init) ?? "hung") edit_kept=\(kept?.status.rawValue ?? "none")")
        try await harness.shutdown()
    }
}
