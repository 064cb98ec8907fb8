extension StoreSchema {
    /// Version 5: address validation.
    ///
    /// - `outbox.status` gains `needs_review` (the address service did not verify an edit's
    ///   address under `address_validation = "require"`; it waits for an operator) and
    ///   `cancelled` (the operator dropped such an edit). SQLite cannot change a CHECK in place,
    ///   so `outbox` is rebuilt (rows, ids and the AUTOINCREMENT sequence kept; its indexes,
    ///   triggers and the views over it recreated). New columns: `review_action` (`accepted:N`,
    ///   `push_as_is` or `cancelled`, set by the operator's way out), `reviewed_at`, and
    ///   `patch_before_review` (the patch as queued, when accepting a suggestion rewrote it).
    /// - Trigger `outbox_review_forward`: `needs_review` is entered only from an open edit and
    ///   left only to `pending` (accept, push as is) or `cancelled`; `cancelled` is final.
    /// - `country_rules`: Partner Center's rules per country as received (`raw_json` NULL: the
    ///   service has no rules for that code), refreshed after an age.
    /// - `address_validations`: every answer of the address service (status raw, suggestions,
    ///   message), for an edit (`source = 'push'`) or a mirrored profile (`'audit'`), with the
    ///   local rule findings and the `content_hash` of the profile that was checked.
    /// - Views `address_findings` (the latest result per customer) and `edits_needing_review`.
    static let addressValidationSQL = """
        PRAGMA defer_foreign_keys = ON;
        CREATE TEMP TABLE outbox_v4 AS SELECT * FROM main.outbox;
        CREATE TEMP TABLE outbox_v4_seq AS SELECT seq FROM main.sqlite_sequence WHERE name = 'outbox';
        DROP VIEW open_conflicts;
        DROP VIEW pending_edits;
        DROP TABLE outbox;
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_id TEXT NOT NULL,
            patch TEXT NOT NULL,
            base_etag TEXT,
            base_snapshot TEXT,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'pushing', 'pushed', 'conflict', 'rejected', 'failed',
                                  'needs_review', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            request_id TEXT,
            queued_by TEXT NOT NULL DEFAULT 'sql',
            created_at TEXT NOT NULL DEFAULT (\(sqlNow)),
            updated_at TEXT,
            pushed_at TEXT,
            result_etag TEXT,
            claimed_by TEXT,
            claim_expires_at TEXT,
            request_fingerprint TEXT,
            review_action TEXT,
            reviewed_at TEXT,
            patch_before_review TEXT
        ) STRICT;
        INSERT INTO outbox (id, customer_id, patch, base_etag, base_snapshot, status, attempts, last_error,
                            request_id, queued_by, created_at, updated_at, pushed_at, result_etag, claimed_by,
                            claim_expires_at, request_fingerprint)
            SELECT id, customer_id, patch, base_etag, base_snapshot, status, attempts, last_error, request_id,
                   queued_by, created_at, updated_at, pushed_at, result_etag, claimed_by, claim_expires_at,
                   request_fingerprint
            FROM temp.outbox_v4 ORDER BY id;
        UPDATE main.sqlite_sequence SET seq = max(seq, (SELECT seq FROM temp.outbox_v4_seq))
            WHERE name = 'outbox' AND EXISTS (SELECT 1 FROM temp.outbox_v4_seq);
        INSERT INTO main.sqlite_sequence (name, seq)
            SELECT 'outbox', seq FROM temp.outbox_v4_seq
            WHERE NOT EXISTS (SELECT 1 FROM main.sqlite_sequence WHERE name = 'outbox');
        DROP TABLE temp.outbox_v4;
        DROP TABLE temp.outbox_v4_seq;
        CREATE INDEX outbox_status ON outbox(status, id);
        CREATE INDEX outbox_customer_open ON outbox(customer_id, status);

        \(outboxTriggersSQL)

        CREATE TRIGGER outbox_review_forward BEFORE UPDATE OF status ON outbox
        WHEN OLD.status != NEW.status AND (
               (NEW.status = 'needs_review' AND OLD.status NOT IN ('pending', 'pushing'))
            OR (OLD.status = 'needs_review' AND NEW.status NOT IN ('pending', 'cancelled'))
            OR (NEW.status = 'cancelled' AND OLD.status != 'needs_review')
            OR OLD.status = 'cancelled')
        BEGIN
            SELECT RAISE(ABORT, 'outbox: needs_review is entered from pending or pushing and left only to pending or cancelled; cancelled is final');
        END;

        \(outboxViewsSQL)

        CREATE TABLE country_rules (
            iso2 TEXT PRIMARY KEY NOT NULL CHECK (length(iso2) = 2 AND iso2 = upper(iso2)),
            raw_json TEXT,
            fetched_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE address_validations (
            id INTEGER PRIMARY KEY,
            outbox_id INTEGER REFERENCES outbox(id),
            customer_id TEXT NOT NULL,
            status TEXT NOT NULL,
            suggestions TEXT NOT NULL DEFAULT '[]',
            message TEXT,
            rule_findings TEXT NOT NULL DEFAULT '[]',
            profile_hash TEXT,
            checked_at TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('push', 'audit'))
        ) STRICT;
        CREATE INDEX address_validations_customer ON address_validations(customer_id, id);
        CREATE INDEX address_validations_outbox ON address_validations(outbox_id) WHERE outbox_id IS NOT NULL;

        CREATE VIEW address_findings AS
            SELECT v.customer_id, c.company_name, v.status,
                   v.status IN ('Verified', 'VerifiedShippable') AS is_verified,
                   v.message, json_extract(v.suggestions, '$[0]') AS suggestion, v.rule_findings,
                   v.source, v.outbox_id, v.checked_at
            FROM address_validations v LEFT JOIN customers c ON c.id = v.customer_id
            WHERE v.id = (SELECT max(w.id) FROM address_validations w WHERE w.customer_id = v.customer_id);

        CREATE VIEW edits_needing_review AS
            SELECT o.id, o.customer_id, c.company_name, o.patch, o.last_error AS reason,
                   v.status AS validation_status, v.suggestions, o.created_at, o.updated_at
            FROM outbox o LEFT JOIN customers c ON c.id = o.customer_id
                 LEFT JOIN address_validations v
                   ON v.id = (SELECT max(w.id) FROM address_validations w WHERE w.outbox_id = o.id)
            WHERE o.status = 'needs_review';
        """
}
