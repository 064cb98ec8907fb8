import BillingSyncTesting
import PartnerCenterEmulator
import Testing

extension DaemonLauncher {
    /// Starts an emulator with 12 customers generated from `seed` and `billing-sync run` against it
    /// (audit feed polled every 200 ms, no periodic full resync), expecting READY=1 and a first
    /// full reconcile. The caller stops the returned daemon and shuts the launcher down.
    static func launchSynced(seed: UInt64, databaseLines: [String] = [],
                             sourceLocation: SourceLocation = #_sourceLocation) async throws -> (DaemonLauncher, BillingSyncProcess) {
        let launcher = try await startPolling(customers: 12, seed: seed, databaseLines: databaseLines)
        let daemon = try launcher.launch()
        do {
            #expect(try await launcher.notify.waitFor("READY=1"), sourceLocation: sourceLocation)
            #expect(try await launcher.waitUntil { try $0.checkpoint("full_reconcile.last_success") != nil },
                    sourceLocation: sourceLocation)
        } catch {
            daemon.terminateIfRunning()
            throw error
        }
        return (launcher, daemon)
    }
}
