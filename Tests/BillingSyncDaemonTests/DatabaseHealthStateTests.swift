import BillingSyncSQLite
import Testing
@testable import BillingSyncDaemon

/// Which health state a database error becomes: decided by SQLite's result code, never by words
/// in a message (a customer's name or a remote error text may contain anything).
@Suite("Health state of database errors")
struct DatabaseHealthStateTests {
    private struct TextOnly: Error, CustomStringConvertible {
        let description: String
    }

    @Test("SQLITE_BUSY, SQLITE_LOCKED and their extended codes are database_locked")
    func lockContention() {
        for code in [ResultCode.busy, .locked, .busyRecovery, ResultCode(rawValue: 6 | 1 << 8)] {
            #expect(DaemonObserver.healthState(for: SQLiteError(code: code, message: "database is locked")) == .databaseLocked)
        }
    }

    @Test("an error that only mentions SQLITE_BUSY in its text is not a locked database")
    func textIsNotACode() {
        let error = TextOnly(description: "customer 'SQLITE_BUSY Ltd' rejected: postal code")
        #expect(DaemonObserver.healthState(for: error) == .degraded(error.description))
        #expect(DaemonObserver.healthState(for: SQLiteError(code: .constraint, message: "SQLITE_LOCKED in a value")) != .databaseLocked)
    }

    @Test("corruption is database_corrupt, whatever its message says")
    func corruption() {
        #expect(DaemonObserver.healthState(for: SQLiteError(code: .corrupt, message: "database is locked")) == .databaseCorrupt)
    }
}
