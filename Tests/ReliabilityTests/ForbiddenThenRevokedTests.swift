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
        let harness = try await DaemonHarness.start(EmulatorConfiguration(customerCount: 12, seed: 47)) { settings in
            settings.sync.auditInterval = .milliseconds(200)
            settings.sync.fullResyncInterval = .seconds(3600)
        }
        let state = harness.state
        let daemon = try harness.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await harness.notify.waitFor("READY=1"))
        #expect(try await harness.waitUntil { try $0.checkpoint("full_reconcile.last_success") != nil })
        let ids = await state.customerIDs()

        await state.expireAllTokens()
        try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[0].rawValue,
                             patch: #"{"defaultAddress":{"addressLine2":"after-expiry"}}"#)
        #expect(try await harness.waitUntil(timeout: .seconds(20)) { try $0.edits(status: .pushed, limit: 5).count == 1 })
        await state.forbid(true)
        #expect(try await harness.waitForHealth("forbidden", timeout: .seconds(15))?.state == "forbidden")
        try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[1].rawValue,
                             patch: #"{"defaultAddress":{"addressLine2":"during-403"}}"#)
        try await Task.sleep(for: .seconds(1))
        await state.forbid(false)
        #expect(try await harness.waitUntil(timeout: .seconds(40)) { try $0.edits(status: .pushed, limit: 5).count == 2 })

        await state.revokeRefreshToken()
        await state.expireAllTokens()
        #expect(try await harness.waitForHealth("credentials_expired", timeout: .seconds(15))?.state == "credentials_expired")
        let waiting = try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[2].rawValue,
                                           patch: #"{"defaultAddress":{"addressLine2":"after-revoke"}}"#)
        try await Task.sleep(for: .seconds(1))
        let kept = try StoreReader(path: harness.databasePath).read { try $0.edit(id: waiting) }
        #expect(kept?.status == .pending)
        daemon.signal(SIGTERM)
        let status = try await daemon.waitForExit(timeout: .seconds(8))
        #expect(status == 0, "SIGTERM: exit \(String(describing: status)) (nil = still running after 8 s)")
        print("reliability: forbidden-then-revoked sigterm_exit=\(status.map(String.init) ?? "hung") edit_kept=\(kept?.status.rawValue ?? "none")")
        try await harness.shutdown()
    }
}
