extension StoreSchema {
    /// Version 2: the mirror of Azure Resource Manager billing customers, their Azure plans and
    /// resellers, field-level drift history, and two reporting views.
    static let azureSchemaSQL = """
        CREATE TABLE azure_customers (
            billing_account TEXT NOT NULL,
            name TEXT NOT NULL,
            resource_id TEXT NOT NULL,
            display_name TEXT,
            billing_profile_id TEXT,
            billing_profile_display_name TEXT,
            expanded INTEGER NOT NULL DEFAULT 0 CHECK (expanded IN (0, 1)),
            raw_json TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            removed_at TEXT,
            PRIMARY KEY (billing_account, name)
        ) STRICT;
        CREATE INDEX azure_customers_name ON azure_customers(lower(name));

        CREATE TABLE azure_customer_plans (
            billing_account TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            sku_id TEXT NOT NULL,
            sku_description TEXT,
            PRIMARY KEY (billing_account, customer_name, sku_id),
            FOREIGN KEY (billing_account, customer_name) REFERENCES azure_customers(billing_account, name)
        ) STRICT;

        CREATE TABLE azure_customer_resellers (
            billing_account TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            reseller_id TEXT NOT NULL,
            description TEXT,
            PRIMARY KEY (billing_account, customer_name, reseller_id),
            FOREIGN KEY (billing_account, customer_name) REFERENCES azure_customers(billing_account, name)
        ) STRICT;

        CREATE TABLE azure_customer_history (
            id INTEGER PRIMARY KEY,
            billing_account TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            detected_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX azure_customer_history_customer_time
            ON azure_customer_history(billing_account, customer_name, detected_at);

        CREATE VIEW azure_customer_overview AS
            SELECT a.billing_account, a.name AS customer_name, a.display_name, a.billing_profile_id,
                   a.billing_profile_display_name,
                   (SELECT group_concat(sku_id || coalesce(' ' || sku_description, ''), '; ')
                    FROM (SELECT sku_id, sku_description FROM azure_customer_plans p
                          WHERE p.billing_account = a.billing_account AND p.customer_name = a.name
                          ORDER BY sku_id)) AS azure_plans,
                   (SELECT group_concat(reseller_id || coalesce(' ' || description, ''), '; ')
                    FROM (SELECT reseller_id, description FROM azure_customer_resellers r
                          WHERE r.billing_account = a.billing_account AND r.customer_name = a.name
                          ORDER BY reseller_id)) AS resellers,
                   a.fetched_at, a.changed_at
            FROM azure_customers a
            WHERE a.removed_at IS NULL;

        CREATE VIEW azure_partner_customers AS
            SELECT o.billing_account, o.customer_name, o.display_name AS azure_display_name,
                   c.id AS customer_id, c.company_name, c.domain, o.billing_profile_display_name,
                   o.azure_plans, o.resellers
            FROM azure_customer_overview o JOIN customers c ON c.id = lower(o.customer_name)
            WHERE c.removed_at IS NULL;
        """
}
