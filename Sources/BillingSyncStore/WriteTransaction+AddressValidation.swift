import BillingSyncSQLite

extension WriteTransaction {
    /// Caches a country's rules as received (`rawJSON` nil: the service has none for that code).
    public func saveCountryRules(iso2: String, rawJSON: String?, fetchedAt: String) throws {
        try connection.run("""
            INSERT INTO country_rules (iso2, raw_json, fetched_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (iso2) DO UPDATE SET raw_json = excluded.raw_json, fetched_at = excluded.fetched_at
            """, [iso2.uppercased(), rawJSON, fetchedAt])
    }

    /// Stores one answer of the address service; returns its id.
    @discardableResult
    public func recordAddressValidation(_ record: AddressValidationRecord) throws -> Int64 {
        let connection = try self.connection
        try connection.run("""
            INSERT INTO address_validations (outbox_id, customer_id, status, suggestions, message, rule_findings,
                                             profile_hash, checked_at, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [record.outboxID, record.customerID.lowercased(), record.status, record.suggestionsJSON, record.message,
                  record.ruleFindingsJSON, record.profileHash, record.checkedAt, record.source.rawValue])
        return connection.lastInsertRowID
    }

    /// Applies an operator's decision to an edit in `needs_review`: back to `pending` (with the
    /// accepted suggestion's patch, or as is) or `cancelled`. The attempt count, request id and
    /// error are cleared for a re-queued edit; the original patch is kept in
    /// `patch_before_review`. Throws `notFound` when the edit is not waiting for review.
    public func review(editID: Int64, _ action: ReviewAction) throws {
        let now = timestamp()
        switch action {
        case .accept(_, let patch):
            try requireChange("""
                UPDATE outbox SET status = \(EditStatus.pending.sql), patch_before_review = coalesce(patch_before_review, patch),
                    patch = ?1, review_action = ?2, reviewed_at = ?3, updated_at = ?3, attempts = 0, last_error = NULL,
                    request_id = NULL, request_fingerprint = NULL
                WHERE id = ?4 AND status = \(EditStatus.needsReview.sql)
                """, [patch, action.recorded, now, editID], missing: "edit \(editID) waiting for review")
        case .pushAsIs:
            try requireChange("""
                UPDATE outbox SET status = \(EditStatus.pending.sql), review_action = ?1, reviewed_at = ?2, updated_at = ?2,
                    attempts = 0, last_error = NULL, request_id = NULL, request_fingerprint = NULL
                WHERE id = ?3 AND status = \(EditStatus.needsReview.sql)
                """, [action.recorded, now, editID], missing: "edit \(editID) waiting for review")
        case .cancel:
            try requireChange("""
                UPDATE outbox SET status = \(EditStatus.cancelled.sql), review_action = ?1, reviewed_at = ?2, updated_at = ?2
                WHERE id = ?3 AND status = \(EditStatus.needsReview.sql)
                """, [action.recorded, now, editID], missing: "edit \(editID) waiting for review")
        }
    }
}
