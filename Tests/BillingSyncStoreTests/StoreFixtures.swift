import BillingSyncFixtures
import BillingSyncSQLite
import Foundation
import PartnerCenterModels
@testable import BillingSyncStore

/// Shared test data and a temporary directory per test.
enum StoreFixtures {
    /// The sample plus fields this project does not model (top level and in the address).
    static let sampleWithUnknownFieldsJSON: String = {
        var text = DocumentationExamples.getBillingProfileResponse
        text = text.replacingOccurrences(of: "\"language\": \"en\",",
                                         with: "\"language\": \"en\",\n    \"vatNumber\": \"DE123\", \"tags\": [1, {\"x\": true}],")
        return text.replacingOccurrences(of: "\"state\": \"WA\",", with: "\"state\": \"WA\",\n \"geo\": {\"lat\": 47.6},")
    }()

    static let alpha = CustomerID("eebd1b55-5360-4438-a11d-5c06918c3014")!
    static let beta = CustomerID("0a1b2c3d-0000-4000-8000-00000000beef")!

    /// A store in a fresh temporary directory (`mirror.db`) holding customer `alpha`, seen at `seenAt`.
    static func storeWithAlpha(seenAt: String) async throws -> (TemporaryDirectory, StoreWriter) {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { try $0.upsertCustomer(customer(alpha, name: "Alpha"), seenAt: seenAt) }
        return (dir, writer)
    }

    /// `storeWithAlpha` whose `alpha` has the documentation's billing profile saved (and sealed)
    /// at mirror sequence `sequence`.
    static func storeWithAlphaProfile(sequence: Int64 = 0) async throws -> (TemporaryDirectory, StoreWriter) {
        let (dir, writer) = try await storeWithAlpha(seenAt: "2026-11-21T10:00:00.000Z")
        let json = DocumentationExamples.getBillingProfileResponse
        let resource = try JSONValue(parsing: json)
        try await writer.write {
            try $0.saveProfile(customerID: alpha, resource: resource, rawJSON: json,
                               fetchedAt: "2026-11-21T10:00:01.000Z", changed: true, sequence: sequence)
        }
        return (dir, writer)
    }

    /// Runs `sql` on `mirror.db` in `dir` through a connection of its own, as the sqlite3 shell
    /// or a reporting tool would.
    static func runAsTool(_ sql: String, in dir: TemporaryDirectory) throws {
        let tool = try Connection(path: dir.path("mirror.db"), mode: .readWrite)
        defer { tool.close() }
        try tool.execute(sql)
    }

    /// Queues an edit with an explicit base, as a plain SQL tool may (docs/schema.md); the
    /// trigger keeps a given `base_snapshot`.
    static func enqueueEdit(_ tx: WriteTransaction, customerID: String, patch: String, baseETag: String,
                            baseSnapshot: String) throws -> Int64 {
        let connection = try tx.connection
        try connection.run("INSERT INTO outbox (customer_id, patch, base_etag, base_snapshot, queued_by) VALUES (?, ?, ?, ?, 'test')",
                           [customerID, patch, baseETag, baseSnapshot])
        return connection.lastInsertRowID
    }

    static func customer(_ id: CustomerID, name: String) -> CustomerRecord {
        CustomerRecord(id: id, companyName: name, domain: "\(name.lowercased()).onmicrosoft.com",
                       tenantID: id.rawValue, relationship: "reseller",
                       rawJSON: #"{"id":"\#(id.rawValue)","companyProfile":{"companyName":"\#(name)"}}"#)
    }
}

/// A temporary directory removed when the value is deinitialized.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Path of a file in the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
