import BillingSyncSQLite

extension WriteTransaction {
    /// Inserts or refreshes an ARM customer seen at `fetchedAt`: `removed_at` is cleared, every
    /// column rewritten, `changed_at` moved only when `changed`. Plans and resellers are replaced
    /// when the record carries them and kept when it does not (fetched without `$expand`).
    public func saveAzureCustomer(_ record: AzureCustomerRecord, fetchedAt: String, changed: Bool) throws {
        let connection = try self.connection
        let sql = """
            INSERT INTO azure_customers (billing_account, name, resource_id, display_name, billing_profile_id,
                                         billing_profile_display_name, expanded, raw_json, first_seen_at,
                                         fetched_at, changed_at, removed_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?9, NULL)
            ON CONFLICT (billing_account, name) DO UPDATE SET
                resource_id = excluded.resource_id, display_name = excluded.display_name,
                billing_profile_id = excluded.billing_profile_id,
                billing_profile_display_name = excluded.billing_profile_display_name,
                expanded = max(expanded, excluded.expanded), raw_json = excluded.raw_json,
                fetched_at = excluded.fetched_at, removed_at = NULL,
                changed_at = CASE WHEN ?10 THEN excluded.changed_at ELSE changed_at END
            """
        let expanded = record.plans != nil || record.resellers != nil
        try connection.run(sql, [record.billingAccount, record.name, record.resourceID, record.displayName,
                                 record.billingProfileID, record.billingProfileDisplayName, expanded,
                                 record.rawJSON, fetchedAt, changed])
        let key: [SQLBindable?] = [record.billingAccount, record.name]
        if let plans = record.plans {
            try connection.run("DELETE FROM azure_customer_plans WHERE billing_account = ? AND customer_name = ?", key)
            for plan in plans {
                try connection.run("""
                    INSERT OR REPLACE INTO azure_customer_plans (billing_account, customer_name, sku_id, sku_description)
                    VALUES (?, ?, ?, ?)
                    """, key + [plan.skuID, plan.skuDescription])
            }
        }
        if let resellers = record.resellers {
            try connection.run("DELETE FROM azure_customer_resellers WHERE billing_account = ? AND customer_name = ?", key)
            for reseller in resellers {
                try connection.run("""
                    INSERT OR REPLACE INTO azure_customer_resellers (billing_account, customer_name, reseller_id, description)
                    VALUES (?, ?, ?, ?)
                    """, key + [reseller.resellerID, reseller.description])
            }
        }
    }

    /// Appends field changes to `azure_customer_history`, all detected at `detectedAt`.
    public func appendAzureHistory(_ entries: [AzureHistoryEntry], detectedAt: String) throws {
        let connection = try self.connection
        let sql = """
            INSERT INTO azure_customer_history (billing_account, customer_name, field, old_value, new_value, detected_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """
        for entry in entries {
            try connection.run(sql, [entry.billingAccount, entry.customerName, entry.field, entry.oldValue,
                                     entry.newValue, detectedAt])
        }
    }

    /// Marks the account's customers not listed since `notSeenSince` (the start of the listing)
    /// as removed at `at`; with `billingProfileID` only that profile's customers. Rows are kept.
    /// Returns the names newly marked.
    public func markAzureCustomersRemoved(account: String, billingProfileID: String? = nil,
                                          notSeenSince: String, at: String) throws -> [String] {
        let connection = try self.connection
        let selection = """
            billing_account = ?1 AND removed_at IS NULL AND fetched_at < ?2
                AND (?3 IS NULL OR lower(billing_profile_id) = lower(?3))
            """
        let bindings: [SQLBindable?] = [account, notSeenSince, billingProfileID]
        let names = try connection.query("SELECT name FROM azure_customers WHERE \(selection) ORDER BY name", bindings)
            .map { try $0.requiredText("name") }
        try connection.run("UPDATE azure_customers SET removed_at = ?4 WHERE \(selection)", bindings + [at])
        return names
    }
}
