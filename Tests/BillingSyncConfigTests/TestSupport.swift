import Foundation
import Testing
@testable import BillingSyncConfig

/// A temporary directory holding secret files; removed on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("billing-sync-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `name` with POSIX `mode`; returns the full path.
    @discardableResult
    func write(_ name: String, _ contents: String, mode: Int = 0o600) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    /// A credentials directory with both secrets, as systemd's LoadCredential= would create it.
    static func withCredentials(
        clientSecret: String = TestSecrets.clientSecret,
        refreshToken: String = TestSecrets.refreshToken
    ) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("client_secret", clientSecret + "\n")
        try directory.write("refresh_token", "  " + refreshToken + "\n\n")
        return directory
    }

    var environment: [String: String] { ["CREDENTIALS_DIRECTORY": path] }
}

enum TestSecrets {
    static let clientSecret = "cs~Sup3rS3cretValue-1234567890abcdefghij"
    static let refreshToken = "0.AAAA-refresh-token-value-zyxwvutsrqponmlk"
}

/// The repository root, found from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The smallest valid configuration (secrets come from `$CREDENTIALS_DIRECTORY`).
let minimalTOML = """
    [database]
    path = "/tmp/billing-sync-test.sqlite"

    [partner_center]
    tenant_id = "6F1C2D3E-4A5B-4C6D-8E7F-9A0B1C2D3E4F"
    client_id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"

    """

/// Loads `toml`; returns the error, or nil if it unexpectedly loaded.
func loadFailure(_ toml: String, environment: [String: String]) -> ConfigurationError? {
    do {
        _ = try ConfigurationLoader(environment: environment).load(toml: toml, source: "test.toml")
        return nil
    } catch {
        return error
    }
}

extension ConfigurationError {
    /// The issue about `key`, if any.
    func issue(_ key: String) -> ConfigurationIssue? { issues.first { $0.key == key } }
}
