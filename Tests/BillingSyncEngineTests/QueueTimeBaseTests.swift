import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import PartnerCenterModels
import Testing

/// One rule for the base an edit is judged against: the mirror row (its ETag and `raw_json`, the
/// body as received) when the edit is queued. `billing-sync edit`, `resolve --reapply` and a
/// plain SQL `INSERT` all get it from the store's `outbox_queue_time_base` trigger.
@Suite("The queue-time base")
struct QueueTimeBaseTests {
    @Test("edit, resolve --reapply and a plain SQL INSERT store the same base, byte for byte: the mirror row as received")
    func threeBuildersAgree() async throws {
        try await EngineFixture.with(customers: 3) { fixture in
            try await fixture.reconciler.runFull()
            let connection = try fixture.openConnection()
            defer { connection.close() }
            let mirrored = try #require(try connection.query(
                "SELECT customer_id, etag, raw_json FROM billing_profiles WHERE status = 'ok' ORDER BY customer_id LIMIT 1", []).first)
            let customerText = try #require(mirrored.string("customer_id"))
            let customer = try #require(CustomerID(customerText))
            // The emulator answers canonical JSON; the real service does not (spaces, key order).
            // Give the mirror row such bytes so a builder that re-serialises is told apart.
            let received = try #require(mirrored.string("raw_json"))
            let rawJSON = " " + received + "\n"
            let sameValue = try JSONValue(parsing: rawJSON) == JSONValue(parsing: received)
            #expect(rawJSON != received && sameValue)
            try connection.run("UPDATE billing_profiles SET raw_json = ? WHERE customer_id = ?", [rawJSON, customerText])

            let queued = try await EditQueue(store: fixture.store)
                .enqueue(customer: customer, patch: EditPatch(changes: ["firstName": .string("Ada")]), queuedBy: "test").editID
            try connection.run("INSERT INTO outbox (customer_id, patch) VALUES (?, ?)",
                               [customer.rawValue.uppercased(), #"{"lastName":"Lovelace"}"#])
            let inserted = connection.lastInsertRowID
            let conflict = try await fixture.store.write { tx in
                try tx.recordConflict(editID: queued, customerID: customer.rawValue, baseJSON: nil, localJSON: "{}",
                                      remoteJSON: "{}", fields: ["firstName"], remoteETag: nil)
            }
            let reapplied = try #require(try await ConflictResolver(store: fixture.store).resolve(conflict, as: .reapply, by: "test"))

            for id in [queued, inserted, reapplied] {
                let row = try #require(try connection.query("SELECT base_etag, base_snapshot FROM outbox WHERE id = ?", [id]).first)
                #expect(row.string("base_snapshot") == rawJSON, "edit \(id)")
                #expect(row.string("base_etag") == mirrored.string("etag"), "edit \(id)")
            }
        }
    }
}
