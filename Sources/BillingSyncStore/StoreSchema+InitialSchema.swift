import PartnerCenterModels

extension StoreSchema {
    /// Version 1: customers, billing profiles (columns generated from `BillingProfileField.all`),
    /// history, outbox, conflicts, runs, checkpoints, their indexes and the reporting views.
    static var initialSchemaSQL: String {
        let fieldColumns = BillingProfileField.all.map { "    \($0.column) TEXT,\n" }.joined()
        let viewColumns = BillingProfileField.all.map { "p.\($0.column) AS \($0.column)" }.joined(separator: ", ")
        return """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY NOT NULL,
            company_name TEXT,
            domain TEXT,
            tenant_id TEXT,
            relationship TEXT,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            removed_at TEXT,
            raw_json TEXT NOT NULL
        ) STRICT;
        CREATE INDEX customers_removed_at ON customers(removed_at);

        CREATE TABLE billing_profiles (
            customer_id TEXT PRIMARY KEY NOT NULL REFERENCES customers(id),
            status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'not_found')),
            etag TEXT,
        \(fieldColumns)    raw_json TEXT,
            content_hash TEXT,
            fetched_at TEXT NOT NULL,
            changed_at TEXT,
            last_seen_at TEXT
        ) STRICT;

        CREATE TABLE profile_history (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id),
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            old_etag TEXT,
            new_etag TEXT,
            detected_at TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('remote', 'push', 'local_tampering')),
            edit_id INTEGER
        ) STRICT;
        CREATE INDEX profile_history_customer_time ON profile_history(customer_id, detected_at);
        CREATE INDEX profile_history_time ON profile_history(detected_at);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            customer_id TEXT NOT NULL,
            patch TEXT NOT NULL,
            base_etag TEXT,
            base_snapshot TEXT,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'pushing', 'pushed', 'conflict', 'rejected', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            request_id TEXT,
            queued_by TEXT NOT NULL DEFAULT 'sql',
            created_at TEXT NOT NULL DEFAULT (\(sqlNow)),
            updated_at TEXT,
            pushed_at TEXT,
            result_etag TEXT
        ) STRICT;
        CREATE INDEX outbox_status ON outbox(status, id);

        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            edit_id INTEGER NOT NULL REFERENCES outbox(id),
            customer_id TEXT NOT NULL,
            base_json TEXT,
            local_json TEXT NOT NULL,
            remote_json TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '[]',
            remote_etag TEXT,
            detected_at TEXT NOT NULL,
            resolution TEXT CHECK (resolution IN ('keep_remote', 'reapply')),
            resolved_at TEXT
        ) STRICT;
        CREATE INDEX conflicts_open ON conflicts(resolution, id);

        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('full', 'incremental', 'push', 'azure')),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'ok', 'failed', 'interrupted')),
            customers_seen INTEGER NOT NULL DEFAULT 0,
            profiles_fetched INTEGER NOT NULL DEFAULT 0,
            profiles_changed INTEGER NOT NULL DEFAULT 0,
            profiles_unchanged INTEGER NOT NULL DEFAULT 0,
            customers_removed INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            message TEXT
        ) STRICT;

        CREATE TABLE sync_checkpoints (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;

        CREATE VIEW current_profiles AS
            SELECT c.id AS customer_id, c.company_name AS customer_company_name, c.domain, c.tenant_id,
                   c.relationship, p.status AS profile_status, p.etag, \(viewColumns),
                   p.fetched_at, p.changed_at, c.last_seen_at
            FROM customers c LEFT JOIN billing_profiles p ON p.customer_id = c.id
            WHERE c.removed_at IS NULL;

        CREATE VIEW recent_drift AS
            SELECT h.id, h.customer_id, c.company_name, h.field, h.old_value, h.new_value,
                   h.source, h.edit_id, h.detected_at
            FROM profile_history h JOIN customers c ON c.id = h.customer_id
            WHERE h.detected_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-7 days');

        \(outboxViewsSQL)
        """
    }

    /// The views over `outbox` of version 1 (`open_conflicts`, `pending_edits`); version 5
    /// recreates them after rebuilding `outbox`.
    static let outboxViewsSQL = """
        CREATE VIEW open_conflicts AS
            SELECT k.id, k.edit_id, k.customer_id, c.company_name, k.fields, k.remote_etag,
                   k.detected_at, o.patch, o.queued_by
            FROM conflicts k JOIN outbox o ON o.id = k.edit_id
                 LEFT JOIN customers c ON c.id = k.customer_id
            WHERE k.resolution IS NULL;

        CREATE VIEW pending_edits AS
            SELECT o.id, o.customer_id, c.company_name, o.patch, o.status, o.attempts, o.last_error,
                   o.queued_by, o.created_at, o.updated_at
            FROM outbox o LEFT JOIN customers c ON c.id = lower(o.customer_id)
            WHERE o.status IN ('pending', 'pushing');
        """
}
