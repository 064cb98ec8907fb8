import BillingSyncSQLite
import Foundation
import Testing
@testable import BillingSyncStore

@Suite("Read-only reader")
struct StoreReaderTests {
    @Test("a reader sees committed data while the writer is in the middle of a transaction")
    func readsDuringWrite() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("mirror.db")
        let writer = try StoreWriter(path: path)
        try await writer.write { try $0.upsertCustomer(StoreFixtures.customer(StoreFixtures.alpha, name: "Alpha"), seenAt: Timestamp.now()) }
        let reader = try StoreReader(path: path)

        let seenDuringWrite = try await writer.write { tx in
            try tx.upsertCustomer(StoreFixtures.customer(StoreFixtures.beta, name: "Beta"), seenAt: Timestamp.now())
            let ownView = try tx.customerIDs(includeRemoved: true).count
            let readerView = try reader.read { try $0.customerIDs(includeRemoved: true) }
            return (ownView, readerView)
        }
        #expect(seenDuringWrite.0 == 2, "the transaction sees its own insert")
        #expect(seenDuringWrite.1 == [StoreFixtures.alpha], "the reader sees only committed data, without waiting")
        #expect(try reader.read { try $0.customerIDs(includeRemoved: true) }.count == 2)
        #expect(try reader.read { try $0.counts() }.activeCustomers == 2)
    }

    @Test("a reader cannot write")
    func readOnly() async throws {
        let dir = try TemporaryDirectory()
        _ = try StoreWriter(path: dir.path("mirror.db"))
        let reader = try StoreReader(path: dir.path("mirror.db"))
        #expect(throws: SQLiteError.self) {
            try reader.read { try $0.connection.execute("DELETE FROM customers") }
        }
    }

    @Test("opening a missing file fails clearly and creates nothing")
    func missingFile() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("nope.db")
        let error = try #require(throws: StoreError.self) { try StoreReader(path: path) }
        #expect(error.code == .databaseMissing && error.description.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a file never migrated, or migrated by a newer billing-sync, is refused")
    func wrongVersions() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.db")
        let foreign = try Connection(path: path, mode: .readWriteCreate)
        defer { foreign.close() }
        #expect(try #require(throws: StoreError.self) { try StoreReader(path: path) }.code == .notInitialized)
        try foreign.setUserVersion(StoreSchema.currentVersion + 1)
        #expect(try #require(throws: StoreError.self) { try StoreReader(path: path) }.code == .schemaTooNew)
        #expect(throws: SchemaTooNewError.self) { try StoreWriter(path: path) }
    }

    @Test("info reports version, size and row counts per table")
    func info() async throws {
        let dir = try TemporaryDirectory()
        let writer = try StoreWriter(path: dir.path("mirror.db"))
        try await writer.write { try $0.upsertCustomer(StoreFixtures.customer(StoreFixtures.alpha, name: "Alpha"), seenAt: Timestamp.now()) }
        let info = try StoreReader(path: dir.path("mirror.db")).info()
        #expect(info.schemaVersion == Int(StoreSchema.currentVersion) && info.path == dir.path("mirror.db"))
        #expect(info.tables.first { $0.table == "customers" }?.rows == 1)
        #expect(info.tables.first { $0.table == "outbox" }?.rows == 0)
    }
}
