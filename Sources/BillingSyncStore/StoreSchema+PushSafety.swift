extension StoreSchema {
    /// Version 3: what keeps the sync core's promises across processes and crashes.
    ///
    /// - `outbox` ids are normalised to lower case and an edit inserted without a base gets the
    ///   mirror row as it was **when it was queued** (trigger `outbox_queue_time_base`), so a
    ///   plain SQL `INSERT` is judged against what its author saw, not against the mirror at push
    ///   time.
    /// - `outbox.claimed_by` / `claim_expires_at`: one pusher owns a customer's open edits at a
    ///   time (a lease; a dead owner's claim is void). `request_fingerprint` ties the stored
    ///   `request_id` to exactly one (If-Match, body).
    /// - A pushed edit never changes status again (trigger `outbox_pushed_is_final`).
    /// - `billing_profiles.mirror_seq` and `mirror_clock`: every mirror write takes the next
    ///   sequence number, so a fetch that began before a row was rewritten never replaces it.
    /// - `customers.fetch_error`: the last failed profile fetch of a customer (cleared when one
    ///   succeeds); `profile_retry`: customers whose refresh failed, retried until fetched.
    static let pushSafetySQL = """
        ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
        ALTER TABLE outbox ADD COLUMN claim_expires_at TEXT;
        ALTER TABLE outbox ADD COLUMN request_fingerprint TEXT;
        UPDATE outbox SET customer_id = lower(trim(customer_id)) WHERE customer_id != lower(trim(customer_id));
        CREATE INDEX outbox_customer_open ON outbox(customer_id, status);
        -- Open edits queued before this version without a base get the mirror as it is now:
        -- the closest available answer to "what did its author see".
        UPDATE outbox SET base_etag = p.etag, base_snapshot = p.raw_json
        FROM (SELECT customer_id, etag, raw_json FROM billing_profiles WHERE status = 'ok' AND raw_json IS NOT NULL) AS p
        WHERE p.customer_id = outbox.customer_id AND outbox.status IN ('pending', 'pushing')
          AND outbox.base_snapshot IS NULL AND (outbox.base_etag IS NULL OR outbox.base_etag = p.etag);

        \(outboxTriggersSQL)

        ALTER TABLE billing_profiles ADD COLUMN mirror_seq INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE mirror_clock (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL
        ) STRICT;
        INSERT INTO mirror_clock (id, seq) VALUES (1, 0);

        ALTER TABLE customers ADD COLUMN fetch_error TEXT;
        ALTER TABLE customers ADD COLUMN fetch_error_at TEXT;

        CREATE TABLE profile_retry (
            customer_id TEXT PRIMARY KEY NOT NULL,
            reason TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            first_failed_at TEXT NOT NULL,
            last_failed_at TEXT NOT NULL
        ) STRICT;
        """

    /// The triggers on `outbox` of version 3 (queue-time base, pushed is final); version 5
    /// recreates them on its rebuilt `outbox`.
    static let outboxTriggersSQL = """
        CREATE TRIGGER outbox_queue_time_base AFTER INSERT ON outbox
        BEGIN
            UPDATE outbox SET customer_id = lower(trim(NEW.customer_id))
            WHERE id = NEW.id AND NEW.customer_id != lower(trim(NEW.customer_id));
            UPDATE outbox SET
                base_etag = p.etag,
                base_snapshot = p.raw_json
            FROM (SELECT etag, raw_json FROM billing_profiles
                  WHERE customer_id = lower(trim(NEW.customer_id)) AND status = 'ok' AND raw_json IS NOT NULL) AS p
            WHERE outbox.id = NEW.id AND NEW.base_snapshot IS NULL
              AND (NEW.base_etag IS NULL OR NEW.base_etag = p.etag);
        END;

        CREATE TRIGGER outbox_pushed_is_final BEFORE UPDATE OF status ON outbox
        WHEN OLD.status = 'pushed' AND NEW.status != 'pushed'
        BEGIN
            SELECT RAISE(ABORT, 'outbox: a pushed edit is final and cannot change status');
        END;
        """
}
