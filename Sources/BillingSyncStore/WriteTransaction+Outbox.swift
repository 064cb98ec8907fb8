import BillingSyncSQLite
import PartnerCenterModels

extension WriteTransaction {
    /// Conflict resolutions `resolveConflict` accepts.
    public static let conflictResolutions: Set<String> = ["keep_remote", "reapply"]

    /// Queues an edit (status `pending`); returns its id. The same as a plain SQL insert, with
    /// the optional base and the name of the queuing tool filled in.
    public func enqueueEdit(customerID: String, patch: String, baseETag: String?, baseSnapshot: String?,
                            queuedBy: String) throws -> Int64 {
        let connection = try self.connection
        let sql = """
            INSERT INTO outbox (customer_id, patch, base_etag, base_snapshot, queued_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        try connection.run(sql, [customerID, patch, baseETag, baseSnapshot, queuedBy, Timestamp.now()])
        return connection.lastInsertRowID
    }

    /// Moves an edit to `status` and stamps `updated_at` (and `pushed_at` for `.pushed`).
    /// `lastError` is stored as given (nil clears it); `attempts` and `resultETag` are kept when
    /// nil; `requestID` is kept when nil, cleared by `.some(nil)`, set by `.some(id)`.
    public func updateEdit(id: Int64, status: EditStatus, lastError: String?, attempts: Int?,
                           requestID: String??, resultETag: String?) throws {
        let now = Timestamp.now()
        let sql = """
            UPDATE outbox SET status = ?1, last_error = ?2, attempts = coalesce(?3, attempts),
                request_id = CASE WHEN ?4 THEN ?5 ELSE request_id END,
                result_etag = coalesce(?6, result_etag), updated_at = ?7,
                pushed_at = CASE WHEN ?1 = 'pushed' THEN ?7 ELSE pushed_at END
            WHERE id = ?8
            """
        let setsRequestID = requestID != nil
        try requireChange(sql, [status.rawValue, lastError, attempts, setsRequestID, requestID ?? nil,
                                resultETag, now, id], missing: "outbox edit \(id)")
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
                                 Timestamp.now()])
        return connection.lastInsertRowID
    }

    /// Resolves an open conflict with `keep_remote` or `reapply`.
    public func resolveConflict(id: Int64, resolution: String) throws {
        guard Self.conflictResolutions.contains(resolution) else {
            throw StoreError(.invalidArgument,
                             "resolution \(resolution.debugDescription) is not one of \(Self.conflictResolutions.sorted())")
        }
        try requireChange("UPDATE conflicts SET resolution = ?, resolved_at = ? WHERE id = ? AND resolution IS NULL",
                          [resolution, Timestamp.now(), id], missing: "open conflict \(id)")
    }
}
