import BillingSyncDaemon
import Foundation
import Testing

@Suite struct RefreshTokenFileTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func keepsTheNewestTokenOfTheCredentialsChain() throws {
        let file = RefreshTokenFile(databasePath: try Self.folder() + "/db.sqlite")
        #expect(file.newest(descendingFrom: "operator-token") == nil)
        #expect(file.lastRefreshed() == nil)
        try file.save("rotated-1", descendingFrom: "operator-token")
        try file.save("rotated-2", descendingFrom: "operator-token")
        #expect(file.newest(descendingFrom: "operator-token") == "rotated-2")
        var status = stat()
        #expect(stat(file.path, &status) == 0 && status.st_mode & 0o777 == 0o600)
        #expect(try !String(contentsOfFile: file.path, encoding: .utf8).contains("operator-token"), "only a hash of the credential")
        #expect(abs(file.lastRefreshed()?.timeIntervalSinceNow ?? 99) < 5)
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: (file.path as NSString).deletingLastPathComponent)
        #expect(names == ["db.sqlite.refresh-token"])
    }

    @Test func aReplacedCredentialWins() throws {
        let file = RefreshTokenFile(databasePath: try Self.folder() + "/db.sqlite")
        try file.save("rotated-1", descendingFrom: "operator-token")
        #expect(file.newest(descendingFrom: "renewed-consent") == nil)
        try "not json".write(toFile: file.path, atomically: true, encoding: .utf8)
        #expect(file.newest(descendingFrom: "operator-token") == nil, "a damaged file falls back to the credential")
    }

    @Test func warnsBeforeTheNinetyDaysRunOut() {
        let now = Date()
        #expect(RefreshTokenFile.expiryWarning(lastRefreshed: now.addingTimeInterval(-10 * 86_400), now: now) == nil)
        let warning = RefreshTokenFile.expiryWarning(lastRefreshed: now.addingTimeInterval(-80 * 86_400), now: now)
        #expect(warning?.contains("80 days ago") == true && warning?.contains("about 10 days left") == true)
    }
}
