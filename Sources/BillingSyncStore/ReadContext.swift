import BillingSyncSQLite
import PartnerCenterModels

/// Typed reads of the mirror. Handed to `StoreWriter.read`, `StoreWriter.write` (as a
/// `WriteTransaction`) and `StoreReader.read`; valid only inside that block.
public class ReadContext {
    private let underlying: Connection
    private var isOpen = true

    init(_ connection: Connection) {
        underlying = connection
    }

    /// The connection, or an error once the block that received this context has returned.
    var connection: Connection {
        get throws {
            guard isOpen else {
                throw StoreError(.contextClosed, "a store context was used after its read/write block returned")
            }
            return underlying
        }
    }

    /// Ends the context; later calls throw `contextClosed`.
    func invalidate() {
        isOpen = false
    }

    /// The customer and, when it is no longer listed, when it disappeared.
    public func customer(_ id: CustomerID) throws -> (record: CustomerRecord, removedAt: String?)? {
        let sql = """
            SELECT id, company_name, domain, tenant_id, relationship, raw_json, removed_at
            FROM customers WHERE id = ?
            """
        guard let row = try connection.queryFirst(sql, [id.rawValue]) else { return nil }
        let record = CustomerRecord(id: try row.customerID("id"), companyName: row.string("company_name"),
                                    domain: row.string("domain"), tenantID: row.string("tenant_id"),
                                    relationship: row.string("relationship"), rawJSON: try row.requiredText("raw_json"))
        return (record, row.string("removed_at"))
    }

    /// Ids of all customers, sorted; removed ones only when `includeRemoved`.
    public func customerIDs(includeRemoved: Bool) throws -> [CustomerID] {
        let sql = "SELECT id FROM customers WHERE ? OR removed_at IS NULL ORDER BY id"
        return try connection.query(sql, [includeRemoved]).map { try $0.customerID("id") }
    }

    /// The stored billing profile of one customer.
    public func profile(_ id: CustomerID) throws -> StoredProfile? {
        try profiles([id])[id]
    }

    /// Stored billing profiles of many customers in one query; customers without one are absent.
    /// With `parsingResources` false, `resource` is left nil (the caller parses `rawJSON` only
    /// where it needs the tree: the mirror writer compares the raw text first).
    public func profiles(_ ids: [CustomerID], parsingResources: Bool = true) throws -> [CustomerID: StoredProfile] {
        guard !ids.isEmpty else { return [:] }
        let idList = ids.jsonList
        let sql = "SELECT * FROM billing_profiles WHERE customer_id IN (SELECT value FROM json_each(?))"
        var result: [CustomerID: StoredProfile] = [:]
        try connection.forEachRow(sql, [idList]) { row in
            let profile = try Self.storedProfile(from: row, parsingResource: parsingResources)
            result[profile.customerID] = profile
        }
        return result
    }

    /// What the fetches of `ids` read before their requests, on one snapshot: the mirror's
    /// sequence number now (`mirrorSequence()`, their start sequence) and `raw_json` of each
    /// customer's mirrored profile that is `ok` (absent when there is none, or it is `not_found`),
    /// which the client then need not parse when the answer has the same bytes.
    public func fetchStarts(_ ids: [CustomerID]) throws -> (sequence: Int64, mirroredBodies: [CustomerID: String]) {
        let sequence = try mirrorSequence()
        var bodies: [CustomerID: String] = [:]
        guard !ids.isEmpty else { return (sequence, bodies) }
        bodies.reserveCapacity(ids.count)
        try connection.forEachRow(Self.mirroredBodiesSQL, [ids.jsonList]) { row in
            if let body = row.string("raw_json") { bodies[try row.customerID("customer_id")] = body }
        }
        return (sequence, bodies)
    }

    /// The mirrored bodies of `fetchStarts`.
    private static let mirroredBodiesSQL = """
        SELECT customer_id, raw_json FROM billing_profiles
        WHERE customer_id IN (SELECT value FROM json_each(?)) AND status = \(ProfileStatus.ok.sql)
        """

    /// The mirror's sequence number now: a fetch that begins now may replace only rows whose
    /// `mirror_seq` is not above it.
    public func mirrorSequence() throws -> Int64 {
        try connection.queryFirst("SELECT seq FROM mirror_clock WHERE id = 1", [])?.int64("seq") ?? 0
    }

    /// Customers with an edit `pushing` (in flight, or its PUT's outcome not yet known): a fetch
    /// must not write their mirror row, which the push itself will write.
    public func customersWithEditsInFlight() throws -> Set<CustomerID> {
        let rows = try connection.query("SELECT DISTINCT customer_id FROM outbox WHERE status = \(EditStatus.pushing.sql)", [])
        return Set(rows.compactMap { $0.string("customer_id").flatMap(CustomerID.init) })
    }

    /// The value of a sync checkpoint (e.g. the audit feed position).
    public func checkpoint(_ key: String) throws -> String? {
        try connection.queryFirst("SELECT value FROM sync_checkpoints WHERE key = ?", [key])?.string("value")
    }

    /// `billing_profiles.status` of `row`; a value the schema does not allow is a damaged row.
    static func profileStatus(_ row: Row) throws -> ProfileStatus {
        let text = try row.requiredText("status")
        guard let status = ProfileStatus(rawValue: text) else {
            throw StoreError(.corruptRow, "billing_profiles.status is '\(text)'")
        }
        return status
    }

    static func storedProfile(from row: Row, parsingResource: Bool = true) throws -> StoredProfile {
        let rawJSON = row.string("raw_json")
        var columns: [String: String?] = [:]
        for field in BillingProfileField.all {
            columns[field.path] = row.string(field.column)
        }
        return StoredProfile(
            customerID: try row.customerID("customer_id"), status: try Self.profileStatus(row),
            etag: row.string("etag"), resource: parsingResource ? rawJSON.flatMap { try? JSONValue(parsing: $0) } : nil,
            rawJSON: rawJSON, contentHash: row.string("content_hash"), columns: columns,
            fetchedAt: row.string("fetched_at"), changedAt: row.string("changed_at"),
            mirrorSequence: row.int64("mirror_seq") ?? 0, rowSeal: row.string("row_seal"))
    }
}
