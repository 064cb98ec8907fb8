import BillingSyncSQLite
import PartnerCenterModels

extension WriteTransaction {
    /// Conflict resolutions `resolveConflict` accepts.
    public static let conflictResolutions: Set<String> = ["keep_remote", "reapply"]

    /// Queues an edit (status `pending`); returns its id. Exactly a plain SQL insert of
    /// `customer_id`, `patch` and `queued_by`: the base is not given but built by the one rule
    /// every path shares, the `outbox_queue_time_base` trigger (the mirror row's `etag` and
    /// `raw_json`, byte for byte, as they are in this transaction; none when the customer has no
    /// mirrored profile).
    public func enqueueEdit(customerID: String, patch: String, queuedBy: String) throws -> Int64 {
        let connection = try self.connection
        let sql = "INSERT INTO outbox (customer_id, patch, queued_by, created_at) VALUES (?, ?, ?, ?)"
        try connection.run(sql, [customerID, patch, queuedBy, timestamp()])
        return connection.lastInsertRowID
    }

    /// Moves an open (`pending`/`pushing`) edit to `status` and stamps `updated_at` (and
    /// `pushed_at` for `.pushed`). `lastError` is stored as given (nil clears it); `attempts` and
    /// `resultETag` are kept when nil; `requestID` and `fingerprint` are kept when nil, cleared by
    /// `.some(nil)`, set by `.some(value)`.
    ///
    /// With `owner`, the edit must be claimed by that pusher (`claimEdits`), and the claim is
    /// renewed until `leaseUntil`. Statuses only move forward: an edit that is no longer open, or
    /// no longer this owner's, throws `StoreError.claimLost` and is left unchanged.
    public func updateEdit(id: Int64, status: EditStatus, lastError: String?, attempts: Int?,
                           requestID: String??, resultETag: String?, fingerprint: String?? = nil,
                           owner: String? = nil, leaseUntil: String? = nil) throws {
        let now = timestamp()
        let sql = """
            UPDATE outbox SET status = ?1, last_error = ?2, attempts = coalesce(?3, attempts),
                request_id = CASE WHEN ?4 THEN ?5 ELSE request_id END,
                result_etag = coalesce(?6, result_etag), updated_at = ?7,
                pushed_at = CASE WHEN ?1 = \(EditStatus.pushed.sql) THEN ?7 ELSE pushed_at END,
                request_fingerprint = CASE WHEN ?9 THEN ?10 ELSE request_fingerprint END,
                claim_expires_at = coalesce(?12, claim_expires_at)
            WHERE id = ?8 AND status IN (\(EditStatus.openSQL)) AND (?11 IS NULL OR claimed_by = ?11)
            """
        let connection = try self.connection
        try connection.run(sql, [status.rawValue, lastError, attempts, requestID != nil, requestID ?? nil,
                                 resultETag, now, id, fingerprint != nil, fingerprint ?? nil, owner, leaseUntil])
        guard connection.changes > 0 else {
            let current = try edit(id: id)
            let reason = current == nil ? "does not exist"
                : current?.isOpen == false ? "is already \(current?.status.rawValue ?? "")"
                : "is claimed by \(current?.claimedBy ?? "nobody")"
            throw StoreError(.claimLost, "outbox edit \(id) \(reason); not moved to \(status.rawValue)")
        }
    }

    /// Claims the open edits of up to `customerLimit` customers for `owner` until `leaseUntil`
    /// and returns every open edit `owner` holds, in queue order.
    ///
    /// A customer is claimed whole: none of its edits is taken while another owner holds a live
    /// claim on any of them. A claim is live until `claim_expires_at`, unless `isOwnerAlive`
    /// says its owner is gone (a crashed process), which releases it at once.
    public func claimEdits(owner: String, now: String, leaseUntil: String, customerLimit: Int,
                           isOwnerAlive: (String) -> Bool) throws -> [OutboxEdit] {
        let connection = try self.connection
        let foreign = try connection.query("""
            SELECT DISTINCT claimed_by FROM outbox
            WHERE status IN (\(EditStatus.openSQL)) AND claimed_by IS NOT NULL AND claimed_by != ?1 AND claim_expires_at > ?2
            """, [owner, now]).compactMap { $0.string("claimed_by") }
        for other in foreign where !isOwnerAlive(other) {
            try connection.run("UPDATE outbox SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = ?", [other])
        }
        try connection.run("""
            UPDATE outbox SET claimed_by = ?1, claim_expires_at = ?3
            WHERE status IN (\(EditStatus.openSQL))
              AND customer_id IN (SELECT customer_id FROM outbox WHERE status IN (\(EditStatus.openSQL))
                                  GROUP BY customer_id ORDER BY min(id) LIMIT ?4)
              AND customer_id NOT IN (SELECT customer_id FROM outbox
                                      WHERE status IN (\(EditStatus.openSQL)) AND claimed_by IS NOT NULL
                                        AND claimed_by != ?1 AND claim_expires_at > ?2)
            """, [owner, now, leaseUntil, customerLimit])
        return try connection.query("SELECT * FROM outbox WHERE claimed_by = ? AND status IN (\(EditStatus.openSQL)) ORDER BY id",
                                    [owner]).map(Self.outboxEdit(from:))
    }

    /// Gives up `owner`'s claims on a customer's edits (after its push, or when stopping).
    public func releaseClaims(owner: String, customerID: String) throws {
        try connection.run("UPDATE outbox SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = ? AND customer_id = ?",
                           [owner, customerID])
    }

    /// Keeps a customer in the retry set (its refresh failed with `reason`).
    public func recordRetry(customerID: CustomerID, reason: String, at: String) throws {
        try connection.run("""
            INSERT INTO profile_retry (customer_id, reason, attempts, first_failed_at, last_failed_at)
            VALUES (?1, ?2, 1, ?3, ?3)
            ON CONFLICT (customer_id) DO UPDATE SET reason = excluded.reason, attempts = attempts + 1,
                last_failed_at = excluded.last_failed_at
            """, [customerID.rawValue, reason, at])
    }

    /// Takes customers out of the retry set (fetched, or gone).
    public func clearRetry(_ ids: [CustomerID]) throws {
        guard !ids.isEmpty else { return }
        let idList = ids.jsonList
        try connection.run("DELETE FROM profile_retry WHERE customer_id IN (SELECT value FROM json_each(?))", [idList])
    }

    /// Records a conflict for an edit; returns its id.
    public func recordConflict(editID: Int64, customerID: String, baseJSON: String?, localJSON: String,
                               remoteJSON: String, fields: [String], remoteETag: String?) throws -> Int64 {
        let connection = try self.connection
        let sql = """
            INSERT INTO conflicts (edit_id, customer_id, base_json, local_json, remote_json, fields,
                                   remote_etag, detected_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        let fieldsJSON = JSONValue.array(fields.map(JSONValue.string)).canonicalText()
        try connection.run(sql, [editID, customerID, baseJSON, localJSON, remoteJSON, fieldsJSON, remoteETag,
                                 timestamp()])
        return connection.lastInsertRowID
    }

    /// Resolves an open conflict with `keep_remote` or `reapply`.
    public func resolveConflict(id: Int64, resolution: String) throws {
        guard Self.conflictResolutions.contains(resolution) else {
            throw StoreError(.invalidArgument,
                             "resolution \(resolution.debugDescription) is not one of \(Self.conflictResolutions.sorted())")
        }
        try requireChange("UPDATE conflicts SET resolution = ?, resolved_at = ? WHERE id = ? AND resolution IS NULL",
                          [resolution, timestamp(), id], missing: "open conflict \(id)")
    }
}
