import BillingSyncDaemon
import BillingSyncStore
import BillingSyncTesting
import PartnerCenterModels
import Testing

/// Steps the auth-fault scenarios share: queued edits, token expiry, revoked credentials.
extension DaemonLauncher {
    /// Queues an edit setting `defaultAddress.addressLine2` to `marker` for `customer`, with plain SQL; its id.
    @discardableResult
    func queueEdit(_ customer: CustomerID, marker: String) throws -> Int64 {
        try OutboxSQL.insert(databasePath: databasePath, customerID: customer.rawValue,
                             patch: #"{"defaultAddress":{"addressLine2":"\#(marker)"}}"#)
    }

    /// Queues an edit for `customer` and reads it back one second later, when a daemon able to push
    /// would have pushed it; its id and the edit as stored then.
    func queueEditAndRecheck(_ customer: CustomerID, marker: String) async throws -> (id: Int64, edit: OutboxEdit?) {
        let id = try queueEdit(customer, marker: marker)
        // Once the daemon has tried it (and met the 403), the edit must be back to pending.
        _ = try await waitUntil(timeout: .seconds(15)) { context in
            guard let edit = try context.edit(id: id) else { return false }
            return edit.status != .pushing && edit.lastError?.contains("403") == true
        }
        return (id, try StoreReader(path: databasePath).read { try $0.edit(id: id) })
    }

    /// Expires every access token, queues an edit for `customer` and expects it to be the one pushed
    /// edit within 20 s: the daemon fetches a new token on its own.
    func expectPushAfterTokenExpiry(_ customer: CustomerID, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        await state.expireAllTokens()
        try queueEdit(customer, marker: "after-expiry")
        #expect(try await waitUntil(timeout: .seconds(20)) { try $0.edits(status: .pushed, limit: 10).count == 1 },
                sourceLocation: sourceLocation)
    }

    /// Revokes the refresh token and expires every access token; the health snapshot once it shows
    /// `credentials_expired`, or the last one read after 15 s.
    func revokeCredentials() async throws -> HealthSnapshot? {
        await state.revokeRefreshToken()
        await state.expireAllTokens()
        return try await waitForHealth("credentials_expired", timeout: .seconds(15))
    }
}
