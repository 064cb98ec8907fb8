import BillingSyncStore
import PartnerCenterEmulator
import PartnerCenterModels

/// Generated customers and billing profiles (from the emulator's seeded generator), the rows
/// scenario 2 writes.
struct ProfileRows: Sendable {
    /// One customer with its profile.
    struct Row: Sendable {
        let customer: CustomerRecord
        let resource: JSONValue
        let rawJSON: String
    }

    let rows: [Row]

    /// Generates `count` customers with a throw-away emulator (nothing is served).
    static func generate(count: Int) async throws -> ProfileRows {
        var configuration = EmulatorConfiguration(customerCount: count, seed: 42)
        configuration.logger.logLevel = .warning
        let emulator = try await PartnerCenterEmulator.start(configuration)
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for id in await emulator.state.customerIDs() {
            guard let profile = await emulator.state.profile(id), let customer = await emulator.state.customer(id) else { continue }
            let record = CustomerRecord(
                id: id, companyName: customer.value(atPath: "companyProfile.companyName")?.stringValue,
                domain: customer.value(atPath: "companyProfile.domain")?.stringValue,
                tenantID: customer.value(atPath: "companyProfile.tenantId")?.stringValue,
                relationship: customer.value(atPath: "relationshipToPartner")?.stringValue,
                rawJSON: customer.canonicalText())
            rows.append(Row(customer: record, resource: profile, rawJSON: profile.canonicalText()))
        }
        try await emulator.shutdown()
        return ProfileRows(rows: rows)
    }

    /// A new database at `path` with the schema and every customer row (the profiles' parents).
    func prepareDatabase(at path: String) async throws -> StoreWriter {
        let store = try StoreWriter(path: path)
        let customers = rows.map(\.customer)
        try await store.write { tx in
            let now = Timestamp.now()
            for customer in customers { try tx.upsertCustomer(customer, seenAt: now) }
        }
        return store
    }
}
