import Foundation
import Testing
@testable import BillingSyncSQLite

@Suite("Binding and reading values")
struct ValueRoundTripTests {
    private func withValuesTable(_ body: (Connection) throws -> Void) throws {
        try withTemporaryDatabase { path in
            let connection = try Connection(path: path, mode: .readWriteCreate)
            // No declared type: every value keeps the storage class it was bound with.
            try connection.execute("CREATE TABLE v(id INTEGER PRIMARY KEY, value)")
            try body(connection)
        }
    }

    @Test("every storage class survives a write and read unchanged")
    func roundTripsEveryStorageClass() throws {
        var generator = SystemRandomNumberGenerator()
        let largeBlob = (0..<(2 * 1024 * 1024)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let values: [SQLValue] = [
            .null, .integer(0), .integer(Int64.min), .integer(Int64.max), .integer(-1),
            .real(3.141592653589793), .real(-1.5e-300), .real(Double.greatestFiniteMagnitude),
            .text(""), .text("上海 Zürich"), .text("emoji 👩‍💻 and a NUL \u{0} inside"), .text("O'Brien; DROP TABLE v"),
            .blob([]), .blob([0, 1, 2, 255]), .blob(largeBlob),
        ]
        try withValuesTable { connection in
            for value in values {
                try connection.run("INSERT INTO v(value) VALUES (?)", [value])
            }
            let rows = try connection.query("SELECT value, typeof(value) AS type FROM v ORDER BY id")
            #expect(rows.map { $0["value"] } == values)
            #expect(rows.map { $0.string("type") } == values.map(\.storageClass))
        }
    }

    @Test("Swift types bind as the expected storage class")
    func bindsSwiftTypes() throws {
        try withValuesTable { connection in
            let missing: String? = nil
            let present: Int? = 7
            let bindings: [(any SQLBindable)?] = [
                42, Int64(-9), Int32(12), 2.5, "text", true, false, [UInt8]([9, 8]), Data([1, 2, 3]), missing, present, nil,
            ]
            for binding in bindings {
                try connection.run("INSERT INTO v(value) VALUES (?)", [binding])
            }
            let values = try connection.query("SELECT value FROM v ORDER BY id").map { $0[0] }
            #expect(values == [
                .integer(42), .integer(-9), .integer(12), .real(2.5), .text("text"), .integer(1), .integer(0),
                .blob([9, 8]), .blob([1, 2, 3]), .null, .integer(7), .null,
            ])
        }
    }

    @Test("typed row accessors convert strictly and find columns case-insensitively")
    func typedAccessors() throws {
        try withValuesTable { connection in
            let row = try #require(try connection.queryFirst(
                "SELECT ? AS i, ? AS r, ? AS t, ? AS b, NULL AS n, ? AS flag",
                [Int64.max, 0.25, "上海", [UInt8]([7]), 1]
            ))
            #expect(row.columnNames == ["i", "r", "t", "b", "n", "flag"])
            #expect(row.int64("i") == Int64.max)
            #expect(row.int("I") == Int.max)
            #expect(row.double("r") == 0.25)
            #expect(row.double("i") == Double(Int64.max))
            #expect(row.string("t") == "上海")
            #expect(row.blob("b") == [7])
            #expect(row.bool("flag") == true)
            #expect(row.int64("n") == nil)
            #expect(row.string("i") == nil)
            #expect(row[4] == .null)
            #expect(row.hasColumn("missing") == false)
        }
    }

    @Test("scalar returns the first column, nil for no row or NULL, and refuses a mismatched type")
    func scalarReads() throws {
        try withValuesTable { connection in
            try connection.run("INSERT INTO v(value) VALUES (?)", ["text"])
            #expect(try connection.scalar(Int.self, "SELECT count(*) FROM v") == 1)
            #expect(try connection.scalar(String.self, "SELECT value FROM v WHERE id = ?", [1]) == "text")
            #expect(try connection.scalar(String.self, "SELECT value FROM v WHERE id = ?", [99]) == nil)
            #expect(try connection.scalar(Int.self, "SELECT NULL") == nil)
            let error = #expect(throws: SQLiteError.self) { try connection.scalar(Int.self, "SELECT value FROM v") }
            #expect(error?.code == .mismatch)
        }
    }

    @Test("forEachRow streams rows in order and may run other statements on the connection")
    func streamsRows() throws {
        try withValuesTable { connection in
            for number in 1...50 {
                try connection.run("INSERT INTO v(value) VALUES (?)", [number])
            }
            var seen: [Int] = []
            try connection.forEachRow("SELECT value FROM v ORDER BY id", []) { row in
                seen.append(try #require(row.int("value")))
                // Same SQL while the cached statement is still stepping: uses a separate statement.
                #expect(try connection.query("SELECT value FROM v ORDER BY id").count == 50)
            }
            #expect(seen == Array(1...50))
        }
    }
}
