import BillingSyncSQLite
import PartnerCenterModels

extension ReadContext {
    /// Outbox edits in queue order, all statuses when `status` is nil.
    public func edits(status: EditStatus?, limit: Int) throws -> [OutboxEdit] {
        let sql = "SELECT * FROM outbox WHERE ?1 IS NULL OR status = ?1 ORDER BY id LIMIT ?2"
        return try connection.query(sql, [status?.rawValue, limit]).map(Self.outboxEdit(from:))
    }

    /// Customers whose profile refresh failed and must be fetched again (oldest failure first).
    public func customersToRetry(limit: Int) throws -> [CustomerID] {
        try connection.query("SELECT customer_id FROM profile_retry ORDER BY first_failed_at, customer_id LIMIT ?", [limit])
            .compactMap { $0.string("customer_id").flatMap(CustomerID.init) }
    }

    /// One outbox edit.
    public func edit(id: Int64) throws -> OutboxEdit? {
        try connection.queryFirst("SELECT * FROM outbox WHERE id = ?", [id]).map(Self.outboxEdit(from:))
    }

    /// Conflicts in id order; only unresolved ones when `openOnly`.
    public func conflicts(openOnly: Bool) throws -> [ConflictRecord] {
        let sql = "SELECT * FROM conflicts WHERE NOT ? OR resolution IS NULL ORDER BY id"
        return try connection.query(sql, [openOnly]).map(Self.conflictRecord(from:))
    }

    /// One conflict.
    public func conflict(id: Int64) throws -> ConflictRecord? {
        try connection.queryFirst("SELECT * FROM conflicts WHERE id = ?", [id]).map(Self.conflictRecord(from:))
    }

    static func outboxEdit(from row: Row) throws -> OutboxEdit {
        let statusText = try row.requiredText("status")
        guard let status = EditStatus(rawValue: statusText) else {
            throw StoreError(.corruptRow, "outbox status \(statusText.debugDescription) is unknown")
        }
        return OutboxEdit(
            id: try row.requiredInt64("id"), customerIDText: try row.requiredText("customer_id"),
            patchText: try row.requiredText("patch"), baseETag: row.string("base_etag"),
            baseSnapshot: row.string("base_snapshot"), status: status, attempts: row.count("attempts"),
            lastError: row.string("last_error"), requestID: row.string("request_id"),
            queuedBy: try row.requiredText("queued_by"), createdAt: try row.requiredText("created_at"),
            updatedAt: row.string("updated_at"), pushedAt: row.string("pushed_at"), resultETag: row.string("result_etag"),
            claimedBy: row.string("claimed_by"), claimExpiresAt: row.string("claim_expires_at"),
            requestFingerprint: row.string("request_fingerprint"), reviewAction: row.string("review_action"))
    }

    static func conflictRecord(from row: Row) throws -> ConflictRecord {
        let fieldsText = try row.requiredText("fields")
        guard let fields = (try? JSONValue(parsing: fieldsText))?.arrayValue?.compactMap(\.stringValue) else {
            throw StoreError(.corruptRow, "conflict fields \(fieldsText.debugDescription) is not a JSON array")
        }
        return ConflictRecord(
            id: try row.requiredInt64("id"), editID: try row.requiredInt64("edit_id"),
            customerID: try row.requiredText("customer_id"), baseJSON: row.string("base_json"),
            localJSON: try row.requiredText("local_json"), remoteJSON: try row.requiredText("remote_json"),
            fields: fields, remoteETag: row.string("remote_etag"), detectedAt: try row.requiredText("detected_at"),
            resolution: row.string("resolution"), resolvedAt: row.string("resolved_at"))
    }
}
