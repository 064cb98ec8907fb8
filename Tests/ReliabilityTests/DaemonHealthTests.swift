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
        let harness = try await DaemonHarness.start(EmulatorConfiguration(customerCount: 12, seed: 41)) { settings in
            settings.sync.auditInterval = .milliseconds(200)
            settings.sync.fullResyncInterval = .seconds(3600)
        }
        let state = harness.state
        let daemon = try harness.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await harness.notify.waitFor("READY=1"))
        #expect(try await harness.waitUntil { try $0.checkpoint("full_reconcile.last_success") != nil })
        let ids = await state.customerIDs()

        // Expired access tokens: a new one is fetched, the edit goes through, health stays healthy.
        await state.expireAllTokens()
        try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[0].rawValue,
                             patch: #"{"defaultAddress":{"addressLine2":"after-expiry"}}"#)
        #expect(try await harness.waitUntil(timeout: .seconds(20)) { try $0.edits(status: .pushed, limit: 10).count == 1 })
        #expect((try? HealthFile(databasePath: harness.databasePath).read())?.state == "healthy")

        // 403: forbidden with the Partner Center message; a queued edit stays pending, then goes through.
        await state.forbid(true)
        let forbidden = try await harness.waitForHealth("forbidden", timeout: .seconds(15))
        #expect(forbidden?.state == "forbidden", "\(String(describing: forbidden))")
        #expect(forbidden?.lastError?.contains("403") == true, "last error: \(forbidden?.lastError ?? "none")")
        let waiting = try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[1].rawValue,
                                           patch: #"{"defaultAddress":{"addressLine2":"after-403"}}"#)
        try await Task.sleep(for: .seconds(1))
        let held = try StoreReader(path: harness.databasePath).read { try $0.edit(id: waiting) }
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
        let harness = try await DaemonHarness.start(EmulatorConfiguration(customerCount: 12, seed: 43)) { settings in
            settings.sync.auditInterval = .milliseconds(200)
            settings.sync.fullResyncInterval = .seconds(3600)
        }
        let state = harness.state
        let daemon = try harness.launch()
        defer { daemon.terminateIfRunning() }
        #expect(try await harness.notify.waitFor("READY=1"))
        #expect(try await harness.waitUntil { try $0.checkpoint("full_reconcile.last_success") != nil })
        let ids = await state.customerIDs()

        await state.revokeRefreshToken()
        await state.expireAllTokens()
        let expired = try await harness.waitForHealth("credentials_expired", timeout: .seconds(15))
        #expect(expired?.state == "credentials_expired", "\(String(describing: expired))")
        #expect(expired?.lastError?.contains("invalid_grant") == true, "last error: \(expired?.lastError ?? "none")")
        let stuck = try OutboxSQL.insert(databasePath: harness.databasePath, customerID: ids[2].rawValue,
                                         patch: #"{"defaultAddress":{"addressLine2":"after-revoke"}}"#)
        try await Task.sleep(for: .seconds(1))
        let kept = try StoreReader(path: harness.databasePath).read { try $0.edit(id: stuck) }
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
