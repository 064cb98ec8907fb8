import Foundation
import BillingSyncSQLite
import PartnerCenterModels

/// The writes of one `BEGIN IMMEDIATE` transaction, handed to `StoreWriter.write`; valid only
/// inside that block. Reads through it see the transaction's own uncommitted writes.
public final class WriteTransaction: ReadContext {
    /// The writer's clock.
    private let now: @Sendable () -> Date

    init(_ connection: Connection, now: @escaping @Sendable () -> Date) {
        self.now = now
        super.init(connection)
    }

    /// The current time on the writer's clock, in the store's format (what every row written in
    /// this transaction is stamped with).
    public func timestamp() -> String {
        Timestamp.string(from: now())
    }

    /// Inserts or refreshes customers seen in the list (a page of it): `first_seen_at` is set on
    /// insert, `last_seen_at` always, and `removed_at` is cleared (they reappeared).
    ///
    /// `removed_at` is cleared by one statement for all of them that matches only removed
    /// customers: in the upsert's `SET` list it would rewrite each customer's entry of
    /// `customers_active_by_id` on every listing, a random index page per customer on a large mirror.
    public func upsertCustomers(_ records: [CustomerRecord], seenAt: String) throws {
        guard !records.isEmpty else { return }
        let connection = try self.connection
        for c in records {
            try connection.run(Self.upsertCustomerSQL, [c.id.rawValue, c.companyName, c.domain, c.tenantID, c.relationship,
                                                        seenAt, c.rawJSON])
        }
        try connection.run("""
            UPDATE customers SET removed_at = NULL
            WHERE removed_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))
            """, [records.map(\.id).jsonList])
    }

    /// Inserts or refreshes one customer seen in the list (`upsertCustomers`).
    public func upsertCustomer(_ c: CustomerRecord, seenAt: String) throws {
        try upsertCustomers([c], seenAt: seenAt)
    }

    /// The upsert of one listed customer (`removed_at` apart).
    private static let upsertCustomerSQL = """
        INSERT INTO customers (id, company_name, domain, tenant_id, relationship,
                               first_seen_at, last_seen_at, removed_at, raw_json)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL, ?7)
        ON CONFLICT (id) DO UPDATE SET
            company_name = excluded.company_name, domain = excluded.domain,
            tenant_id = excluded.tenant_id, relationship = excluded.relationship,
            last_seen_at = excluded.last_seen_at, raw_json = excluded.raw_json
        """

    /// Marks every listed customer not seen since `notSeenSince` (the start of a full run) as
    /// removed at `at`; returns their ids. Rows are kept.
    public func markCustomersRemoved(notSeenSince: String, at: String) throws -> [CustomerID] {
        try markRemoved(where: "last_seen_at < ?1", notSeenSince, at: at)
    }

    /// Marks the given customers removed at `at` (e.g. `delete_customer` in the audit feed);
    /// returns those that were not already removed. Unknown ids are ignored.
    @discardableResult
    public func markCustomersRemoved(_ ids: [CustomerID], at: String) throws -> [CustomerID] {
        let idList = ids.jsonList
        return try markRemoved(where: "id IN (SELECT value FROM json_each(?1))", idList, at: at)
    }

    /// Sets `removed_at` on listed customers matching `condition` (which uses `?1`, bound to `value`).
    private func markRemoved(where condition: String, _ value: String, at: String) throws -> [CustomerID] {
        let connection = try self.connection
        let selection = "removed_at IS NULL AND \(condition)"
        let ids = try connection.query("SELECT id FROM customers WHERE \(selection) ORDER BY id", [value])
            .map { try $0.customerID("id") }
        try connection.run("UPDATE customers SET removed_at = ?2 WHERE \(selection)", [value, at])
        return ids
    }

    /// Stores a fetched billing profile. With `changed`, every column is rewritten from
    /// `resource` (flattened fields, ETag from `attributes.etag`, content hash, `row_seal`) and
    /// `changed_at` is set; without it only `fetched_at` and `last_seen_at` move. A first save
    /// always writes all.
    ///
    /// `columns` (`ProfileColumns.values`) and `contentHash` (`ContentHash.of`) may be passed when
    /// the caller computed them already from the same `resource`.
    public func saveProfile(customerID: CustomerID, resource: JSONValue, rawJSON: String,
                            fetchedAt: String, changed: Bool, sequence: Int64 = 0,
                            columns: [String?]? = nil, contentHash: String? = nil) throws {
        if !changed, try saveUnchangedFetch(customerID: customerID, fetchedAt: fetchedAt) { return }
        let etag = ProfileColumns.etag(of: resource)
        let columns = columns ?? ProfileColumns.values(resource)
        let contentHash = contentHash ?? ContentHash.of(resource: resource)
        let seal = ProfileSeal.of(etag: etag, columns: columns, contentHash: contentHash, rawJSON: rawJSON)
        var values: [SQLBindable?] = [customerID.rawValue, ProfileStatus.ok.rawValue, etag]
        values.reserveCapacity(Self.upsertColumnCount)
        for value in columns { values.append(value as SQLBindable?) }
        values += [rawJSON, contentHash, seal, fetchedAt, fetchedAt, fetchedAt, sequence]
        try self.connection.run(Self.upsertProfileSQL, values)
    }

    /// Records a fetch that found the mirrored profile unchanged: only `fetched_at` and
    /// `last_seen_at` move. `seal` (`ProfileSeal.of` the row's values) is stored when given, for a
    /// row saved before seals existed. Returns false when the customer has no profile row.
    @discardableResult
    public func saveUnchangedFetch(customerID: CustomerID, fetchedAt: String, seal: String? = nil) throws -> Bool {
        let connection = try self.connection
        if let seal {
            try connection.run("UPDATE billing_profiles SET fetched_at = ?1, last_seen_at = ?1, row_seal = ?3 WHERE customer_id = ?2",
                               [fetchedAt, customerID.rawValue, seal])
        } else {
            try connection.run("UPDATE billing_profiles SET fetched_at = ?1, last_seen_at = ?1 WHERE customer_id = ?2",
                               [fetchedAt, customerID.rawValue])
        }
        return connection.changes > 0
    }

    /// Records an unchanged re-fetch without reading the row, when the row proves it: status
    /// `ok`, still sealed (the seal guard of version 7 withdraws the seal of a row edited by
    /// hand), holding exactly the bytes of `rawJSON`, and not written after `startSequence` (the
    /// fetch's start). Only `fetched_at` and `last_seen_at` move. Returns false, changing
    /// nothing, when any of that does not hold: the caller then takes the full path.
    public func saveUnchangedSealedFetch(customerID: CustomerID, rawJSON: String, startSequence: Int64,
                                         fetchedAt: String) throws -> Bool {
        let connection = try self.connection
        try connection.run(Self.unchangedSealedFetchSQL, [fetchedAt, customerID.rawValue, startSequence, rawJSON])
        return connection.changes > 0
    }

    /// The statement of `saveUnchangedSealedFetch` (`raw_json = ?4` compares bytes: BINARY collation).
    static let unchangedSealedFetchSQL = """
        UPDATE billing_profiles SET fetched_at = ?1, last_seen_at = ?1
        WHERE customer_id = ?2 AND status = \(ProfileStatus.ok.sql) AND row_seal IS NOT NULL
          AND mirror_seq <= ?3 AND raw_json = ?4
        """

    /// Columns written by a full profile save, in binding order.
    private static let upsertColumns = ["customer_id", "status", "etag"] + BillingProfileField.all.map(\.column)
        + ["raw_json", "content_hash", "row_seal", "fetched_at", "changed_at", "last_seen_at", "mirror_seq"]
    private static let upsertColumnCount = upsertColumns.count

    /// The profile upsert, built once (it is the statement cache's key for every save).
    private static let upsertProfileSQL = """
        INSERT INTO billing_profiles (\(upsertColumns.joined(separator: ", ")))
        VALUES (\(upsertColumns.map { _ in "?" }.joined(separator: ", ")))
        ON CONFLICT (customer_id) DO UPDATE SET \(upsertColumns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
        """

    /// Records that the profile is still current at `at` without fetching it (`last_seen_at`).
    public func touchProfile(customerID: CustomerID, at: String) throws {
        try connection.run("UPDATE billing_profiles SET last_seen_at = ? WHERE customer_id = ?", [at, customerID.rawValue])
    }

    /// Records a 404 for the profile: status `not_found`; the last known data is kept. A fetch
    /// that finds the row already `not_found` keeps its `mirror_seq`; with `advancing` (the pusher
    /// settling edits) the row always takes `sequence`, so it moves past fetches begun before.
    public func markProfileNotFound(customerID: CustomerID, at: String, sequence: Int64 = 0, advancing: Bool = false) throws {
        let sql = """
            INSERT INTO billing_profiles (customer_id, status, fetched_at, changed_at, last_seen_at, mirror_seq)
            VALUES (?1, \(ProfileStatus.notFound.sql), ?2, ?2, ?2, ?3)
            ON CONFLICT (customer_id) DO UPDATE SET
                changed_at = CASE WHEN status = \(ProfileStatus.notFound.sql) THEN changed_at ELSE excluded.changed_at END,
                mirror_seq = CASE WHEN status = \(ProfileStatus.notFound.sql) AND NOT ?4 THEN mirror_seq ELSE excluded.mirror_seq END,
                status = \(ProfileStatus.notFound.sql), fetched_at = excluded.fetched_at, last_seen_at = excluded.last_seen_at
            """
        try connection.run(sql, [customerID.rawValue, at, sequence, Int64(advancing ? 1 : 0)])
    }

    /// Clears the recorded fetch error of customers whose profile was fetched (one statement).
    /// It looks the ids up in `customers_fetch_failed` (only customers with an error), not in
    /// the table: on a large mirror each customer row is a page read of its own.
    public func clearFetchErrors(_ ids: [CustomerID]) throws {
        let idList = ids.jsonList
        try connection.run(Self.clearFetchErrorsSQL, [idList])
    }

    /// The statement of `clearFetchErrors` (its plan is tested).
    static let clearFetchErrorsSQL = """
        UPDATE customers INDEXED BY customers_fetch_failed SET fetch_error = NULL, fetch_error_at = NULL
        WHERE fetch_error IS NOT NULL AND id IN (SELECT value FROM json_each(?))
        """

    /// Takes the next mirror sequence number (one per batch of mirror writes).
    public func advanceMirrorSequence() throws -> Int64 {
        guard let seq = try connection.queryFirst("UPDATE mirror_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq", [])?
            .int64("seq") else {
            throw StoreError(.corruptRow, "mirror_clock has no row")
        }
        return seq
    }

    /// Records the outcome of a customer's profile fetch on its row: the error text, or nil
    /// (success) to clear it. Customers without a row (not listed yet) are left alone.
    public func setFetchError(customerID: CustomerID, _ error: String?, at: String) throws {
        try connection.run("UPDATE customers SET fetch_error = ?1, fetch_error_at = CASE WHEN ?1 IS NULL THEN NULL ELSE ?2 END WHERE id = ?3 AND fetch_error IS NOT ?1",
                           [error, at, customerID.rawValue])
    }

    /// Appends field changes to `profile_history`, all detected at `detectedAt`.
    public func appendHistory(_ entries: [HistoryEntry], detectedAt: String) throws {
        let sql = """
            INSERT INTO profile_history (customer_id, field, old_value, new_value, old_etag, new_etag,
                                         detected_at, source, edit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let connection = try self.connection
        for e in entries {
            try connection.run(sql, [e.customerID.rawValue, e.field, e.oldValue, e.newValue, e.oldETag,
                                     e.newETag, detectedAt, e.source.rawValue, e.editID])
        }
    }

    /// Sets a sync checkpoint (e.g. the audit feed position).
    public func setCheckpoint(_ key: String, _ value: String) throws {
        let sql = """
            INSERT INTO sync_checkpoints (key, value, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """
        try connection.run(sql, [key, value, timestamp()])
    }

    /// Removes a sync checkpoint (a position that can no longer be resumed).
    public func deleteCheckpoint(_ key: String) throws {
        try connection.run("DELETE FROM sync_checkpoints WHERE key = ?", [key])
    }
}
