import BillingSyncSQLite
import Foundation
import Testing
@testable import BillingSyncStore

/// The statuses the schema's CHECK accepts are exactly `EditStatus`'s cases, and the SQL the
/// store builds from the enum reads as the schema spells it.
@Suite("Edit statuses: the enum and the schema")
struct EditStatusSchemaTests {
    @Test("outbox.status's CHECK lists exactly EditStatus.allCases")
    func checkMatchesEnum() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        let table = try await writer.read { context in
            try context.connection.queryFirst("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'outbox'")?.string("sql")
        }
        let sql = try #require(table)
        let check = try #require(sql.range(of: "CHECK (status IN ("))
        let list = sql[check.upperBound...].prefix { $0 != ")" }
        let listed = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        #expect(Set(listed) == Set(EditStatus.allCases.map(\.rawValue)) && listed.count == EditStatus.allCases.count)
        #expect(EditStatus.openSQL == "'pending', 'pushing'")
        await writer.close()
    }
}
