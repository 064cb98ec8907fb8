import BillingSyncSQLite

extension ReadContext {
    /// A country's cached rules: the JSON (nil: the service has none) and when they were fetched;
    /// nil when never fetched.
    public func countryRules(iso2: String) throws -> (rawJSON: String?, fetchedAt: String)? {
        guard let row = try connection.queryFirst("SELECT raw_json, fetched_at FROM country_rules WHERE iso2 = ?",
                                                  [iso2.uppercased()]) else { return nil }
        return (row.string("raw_json"), try row.requiredText("fetched_at"))
    }

    /// The latest address-service answer recorded for an edit.
    public func latestAddressValidation(editID: Int64) throws -> AddressValidationRecord? {
        try connection.queryFirst("SELECT * FROM address_validations WHERE outbox_id = ? ORDER BY id DESC LIMIT 1", [editID])
            .map(Self.addressValidation(from:))
    }

    /// Every answer recorded for a customer, oldest first.
    public func addressValidations(customerID: String) throws -> [AddressValidationRecord] {
        try connection.query("SELECT * FROM address_validations WHERE customer_id = ? ORDER BY id", [customerID.lowercased()])
            .map(Self.addressValidation(from:))
    }

    /// Mirrored profiles (`ok`, not removed) not audited since they last changed: no `audit`
    /// answer carries their current `content_hash`. In customer id order, after `after`,
    /// optionally of one country.
    public func profilesToAudit(country: String?, after: String, limit: Int) throws -> [(customerID: String, rawJSON: String, hash: String)] {
        try connection.query("""
            SELECT p.customer_id, p.raw_json, p.content_hash FROM billing_profiles p
            JOIN customers c ON c.id = p.customer_id
            WHERE p.status = \(ProfileStatus.ok.sql) AND p.raw_json IS NOT NULL AND c.removed_at IS NULL AND p.customer_id > ?1
              AND (?2 IS NULL OR upper(p.address_country) = upper(?2))
              AND NOT EXISTS (SELECT 1 FROM address_validations v
                              WHERE v.customer_id = p.customer_id AND v.source = 'audit'
                                AND v.profile_hash IS p.content_hash)
            ORDER BY p.customer_id LIMIT ?3
            """, [after, country, limit]).map { row in
                (try row.requiredText("customer_id"), try row.requiredText("raw_json"), row.string("content_hash") ?? "")
            }
    }

    static func addressValidation(from row: Row) throws -> AddressValidationRecord {
        let sourceText = try row.requiredText("source")
        guard let source = AddressValidationRecord.Source(rawValue: sourceText) else {
            throw StoreError(.corruptRow, "address_validations source \(sourceText.debugDescription) is unknown")
        }
        return AddressValidationRecord(
            id: try row.requiredInt64("id"), outboxID: row.int64("outbox_id"), customerID: try row.requiredText("customer_id"),
            status: try row.requiredText("status"), suggestionsJSON: try row.requiredText("suggestions"),
            message: row.string("message"), ruleFindingsJSON: try row.requiredText("rule_findings"),
            profileHash: row.string("profile_hash"), checkedAt: try row.requiredText("checked_at"), source: source)
    }
}
