#if canImport(Glibc)
import BillingSyncTesting
import Glibc
#endif
import Foundation
import Testing
@testable import BillingSyncDaemon

@Suite("Health state, snapshot JSON and the health file")
struct HealthTests {
    /// The wall time of `clock`: 2023-11-14T22:13:20Z plus the time the test advanced it.
    static func wallTime(_ clock: ManualClock) -> Date {
        let offset = clock.now.offset.components
        return Date(timeIntervalSince1970: 1_700_000_000 + Double(offset.seconds) + Double(offset.attoseconds) / 1e18)
    }

    private func temporaryDatabasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("health-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("billing.sqlite").path
    }

    @Test("every state has a stable code that rebuilds it", arguments: [
        HealthState.starting, .healthy, .credentialsExpired, .forbidden, .unreachable,
        .rateLimited(until: Date(timeIntervalSince1970: 1_700_000_060)), .databaseLocked, .degraded("outbox stuck"),
    ])
    func codesRoundTrip(state: HealthState) throws {
        let snapshot = HealthSnapshot(health: state, since: Date(timeIntervalSince1970: 1_700_000_000),
                                      updatedAt: Date(timeIntervalSince1970: 1_700_000_005), lastError: "HTTP 401", pid: 42)
        let decoded = try HealthSnapshot.decode(from: snapshot.jsonData())
        #expect(decoded == snapshot)
        #expect(decoded.health == state)
        #expect(!state.sentence.isEmpty && state.sentence.hasSuffix("."))
    }

    @Test("the JSON has stable keys, codes and ISO 8601 dates")
    func jsonShape() throws {
        let snapshot = HealthSnapshot(health: .credentialsExpired, since: Date(timeIntervalSince1970: 1_700_000_000),
                                      updatedAt: Date(timeIntervalSince1970: 1_700_000_000), lastError: nil, pid: 7)
        let object = try #require(try JSONSerialization.jsonObject(with: snapshot.jsonData()) as? [String: Any])
        #expect(object["state"] as? String == "credentials_expired")
        #expect(object["since"] as? String == "2023-11-14T22:13:20Z")
        #expect((object["summary"] as? String)?.hasPrefix("Credentials expired") == true)
    }

    @Test("the monitor writes <db>.health.json atomically, keeping since until the state changes")
    func monitorWritesFile() async throws {
        let database = try temporaryDatabasePath()
        let file = HealthFile(databasePath: database)
        #expect(file.path == database + ".health.json")
        #expect(throws: HealthFileError(code: .notFound, path: file.path)) { try file.read() }

        let clock = ManualClock()
        let monitor = HealthMonitor(file: file, now: { Self.wallTime(clock) })
        await monitor.update(.unreachable, error: "connect timed out")
        clock.advance(by: .seconds(30))
        await monitor.update(.unreachable, error: "connect refused")

        let stored = try file.read()
        #expect(stored.health == .unreachable)
        #expect(stored.since == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(stored.updatedAt == Date(timeIntervalSince1970: 1_700_000_030))
        #expect(stored.lastError == "connect refused")
        #expect(stored.pid == getpid())

        clock.advance(by: .seconds(30))
        await monitor.update(.healthy)
        let healthy = try file.read()
        #expect(healthy.health == .healthy)
        #expect(healthy.since == Date(timeIntervalSince1970: 1_700_000_060))
        #expect(healthy.lastError == nil)

        // Atomic replace: no temporary file is left next to the database.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (database as NSString).deletingLastPathComponent)
        #expect(siblings == ["billing.sqlite.health.json"])
    }

    @Test("a reader holding the old file keeps a complete old snapshot after a rewrite (rename, not overwrite)")
    func renameKeepsOldInode() throws {
        let file = HealthFile(databasePath: try temporaryDatabasePath())
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        try file.write(HealthSnapshot(health: .starting, since: at, updatedAt: at, lastError: nil, pid: 1))
        let reader = open(file.path, O_RDONLY)
        #expect(reader >= 0)
        defer { close(reader) }
        try file.write(HealthSnapshot(health: .degraded("x"), since: at, updatedAt: at, lastError: nil, pid: 1))

        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(reader, &bytes, bytes.count)
        let old = try HealthSnapshot.decode(from: Data(bytes[0..<max(count, 0)]))
        #expect(old.health == .starting)
        #expect(try file.read().health == .degraded("x"))
    }

    @Test("errors are redacted before they reach the health file and STATUS=")
    func redactsErrorsAndNotifies() async throws {
        let receiver = try DatagramReceiver(abstract: true)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        let redactor = SecretRedactor()
        redactor.register("the-client-secret")
        let file = HealthFile(databasePath: try temporaryDatabasePath())
        let monitor = HealthMonitor(file: file, notifier: notifier, redactor: redactor)
        await monitor.update(.credentialsExpired, error: "AADSTS7000215 for the-client-secret")
        #expect(try file.read().lastError == "AADSTS7000215 for <redacted>")
        #expect(await receiver.receive() == "STATUS=" + HealthState.credentialsExpired.sentence)
        await monitor.update(.credentialsExpired, error: "AADSTS7000215 again")
        #expect(await receiver.receive(timeout: .milliseconds(200)) == nil, "STATUS= is sent on state changes only")
    }

    @Test("an unchanged state rewrites the file only after the refresh interval")
    func refreshInterval() async throws {
        let file = HealthFile(databasePath: try temporaryDatabasePath())
        let clock = ManualClock()
        let monitor = HealthMonitor(file: file, refreshInterval: 60, now: { Self.wallTime(clock) })
        await monitor.update(.healthy)
        clock.advance(by: .seconds(10))
        await monitor.update(.healthy)
        #expect(try file.read().updatedAt == Date(timeIntervalSince1970: 1_700_000_000))
        clock.advance(by: .seconds(60))
        await monitor.update(.healthy)
        let refreshed = try file.read()
        #expect(refreshed.updatedAt == Date(timeIntervalSince1970: 1_700_000_070))
        #expect(refreshed.since == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test("a corrupt health file is reported as unreadable")
    func corruptFile() throws {
        let file = HealthFile(databasePath: try temporaryDatabasePath())
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: file.path))
        do {
            _ = try file.read()
            Issue.record("reading a corrupt file must fail")
        } catch {
            #expect(error.code == .unreadable)
        }
    }
}
