import BillingSyncSQLite

extension ReadContext {
    /// One ARM customer with its plans and resellers (removed ones included).
    public func azureCustomer(account: String, name: String) throws -> AzureStoredCustomer? {
        let sql = "SELECT * FROM azure_customers WHERE billing_account = ? AND name = ?"
        guard let row = try connection.queryFirst(sql, [account, name]) else { return nil }
        return try azureStoredCustomer(from: row)
    }

    /// The ARM customers of `account` (every account when nil), ordered by account and name;
    /// removed ones only when `includeRemoved`.
    public func azureCustomers(account: String? = nil, includeRemoved: Bool = false) throws -> [AzureStoredCustomer] {
        let sql = """
            SELECT * FROM azure_customers WHERE (?1 IS NULL OR billing_account = ?1) AND (?2 OR removed_at IS NULL)
            ORDER BY billing_account, name
            """
        return try connection.query(sql, [account, includeRemoved]).map(azureStoredCustomer(from:))
    }

    /// The recorded field changes of one ARM customer, newest first.
    public func azureHistory(account: String, name: String, limit: Int = 100) throws -> [AzureHistoryEntry] {
        let sql = """
            SELECT * FROM azure_customer_history WHERE billing_account = ? AND customer_name = ?
            ORDER BY detected_at DESC, id DESC LIMIT ?
            """
        return try connection.query(sql, [account, name, limit]).map { row in
            AzureHistoryEntry(billingAccount: try row.requiredText("billing_account"),
                              customerName: try row.requiredText("customer_name"), field: try row.requiredText("field"),
                              oldValue: row.string("old_value"), newValue: row.string("new_value"),
                              detectedAt: try row.requiredText("detected_at"))
        }
    }

    private func azureStoredCustomer(from row: Row) throws -> AzureStoredCustomer {
        let account = try row.requiredText("billing_account")
        let name = try row.requiredText("name")
        let expanded = row.bool("expanded") ?? false
        let key: [SQLBindable?] = [account, name]
        let plans = try connection.query("""
            SELECT sku_id, sku_description FROM azure_customer_plans
            WHERE billing_account = ? AND customer_name = ? ORDER BY sku_id
            """, key).map { AzurePlanRecord(skuID: try $0.requiredText("sku_id"), skuDescription: $0.string("sku_description")) }
        let resellers = try connection.query("""
            SELECT reseller_id, description FROM azure_customer_resellers
            WHERE billing_account = ? AND customer_name = ? ORDER BY reseller_id
            """, key).map { AzureResellerRecord(resellerID: try $0.requiredText("reseller_id"), description: $0.string("description")) }
        let record = AzureCustomerRecord(
            billingAccount: account, name: name, resourceID: try row.requiredText("resource_id"),
            displayName: row.string("display_name"), billingProfileID: row.string("billing_profile_id"),
            billingProfileDisplayName: row.string("billing_profile_display_name"),
            plans: expanded ? plans : nil, resellers: expanded ? resellers : nil, rawJSON: try row.requiredText("raw_json"))
        return AzureStoredCustomer(record: record, firstSeenAt: try row.requiredText("first_seen_at"),
                                   fetchedAt: try row.requiredText("fetched_at"),
                                   changedAt: try row.requiredText("changed_at"), removedAt: row.string("removed_at"))
    }
}
