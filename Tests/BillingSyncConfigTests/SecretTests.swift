import Foundation
import Testing
@testable import BillingSyncConfig

@Suite("Secrets")
struct SecretTests {
    @Test("inline client_secret is refused and points to client_secret_file")
    func inlineSecretRefused() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let toml = minimalTOML + "client_secret = \"hunter2-inline-value\"\n"
        let error = try #require(loadFailure(toml, environment: credentials.environment))
        let issue = try #require(error.issue("partner_center.client_secret"))
        #expect(issue.kind == .invalidValue)
        #expect(issue.message.contains("client_secret_file"))
        #expect(issue.line == 7)
        #expect(!error.description.contains("hunter2-inline-value"))
    }

    @Test("missing, empty and directory secret files are errors")
    func unreadableSecretFiles() throws {
        let directory = try TemporaryDirectory()
        try directory.write("empty", " \n\t\n")
        try FileManager.default.createDirectory(atPath: directory.path + "/a-directory", withIntermediateDirectories: false)
        let cases = [("does-not-exist", "does not exist"), ("empty", "is empty"), ("a-directory", "not a regular file")]
        for (name, expected) in cases {
            let toml = minimalTOML + "auth = \"app\"\nclient_secret_file = \"\(name)\"\n"
            let error = try #require(loadFailure(toml, environment: directory.environment))
            let issue = try #require(error.issue("partner_center.client_secret_file"))
            #expect(issue.kind == .unreadableSecret)
            #expect(issue.message.contains(expected), "\(name): \(issue.message)")
            #expect(issue.message.contains(directory.path + "/" + name))
        }
    }

    @Test("a group/world-readable secret file is a warning, not an error")
    func worldReadableWarns() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        try credentials.write("client_secret", TestSecrets.clientSecret, mode: 0o644)
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: minimalTOML, source: "w.toml")
        #expect(loaded.clientSecret?.reveal() == TestSecrets.clientSecret)
        #expect(loaded.warnings.count == 1)
        let warning = try #require(loaded.warnings.first)
        #expect(warning.kind == .insecureSecretFile)
        #expect(warning.key == "partner_center.client_secret_file")
        #expect(warning.message.contains("mode 644"))
    }

    @Test("auth decides which secrets are required")
    func authModes() throws {
        let directory = try TemporaryDirectory()
        let secretPath = try directory.write("cs", TestSecrets.clientSecret)
        // app: only the client secret; absolute path without $CREDENTIALS_DIRECTORY.
        let app = try ConfigurationLoader(environment: [:])
            .load(toml: minimalTOML + "auth = \"app\"\nclient_secret_file = \"\(secretPath)\"\n", source: "a.toml")
        #expect(app.clientSecret?.reveal() == TestSecrets.clientSecret)
        #expect(app.refreshToken == nil)
        // app_user without a refresh token: error naming refresh_token_file.
        let error = try #require(loadFailure(minimalTOML + "client_secret_file = \"\(secretPath)\"\n", environment: [:]))
        #expect(error.issues.map(\.key) == ["partner_center.refresh_token_file"])
        #expect(error.issues.first?.kind == .missingKey)
    }

    @Test("relative secret names without $CREDENTIALS_DIRECTORY resolve next to the config file")
    func relativeToConfigFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("cs", "\n" + TestSecrets.clientSecret + "\r\n")
        let config = try directory.write("billing-sync.toml", minimalTOML + "auth = \"app\"\nclient_secret_file = \"cs\"\n")
        let loaded = try ConfigurationLoader(environment: [:]).load(path: config)
        #expect(loaded.clientSecret?.reveal() == TestSecrets.clientSecret)
        #expect(loaded.clientSecret?.origin == directory.path + "/cs")
    }

    @Test("secret text never appears in description, debugDescription, dump or interpolation")
    func secretRedaction() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: minimalTOML, source: "r.toml")
        var dumped = ""
        dump(loaded, to: &dumped)
        dump(loaded.configuration, to: &dumped)
        let renderings = [
            dumped,
            String(describing: loaded),
            String(reflecting: loaded),
            "\(loaded.clientSecret as Any) \(String(describing: loaded.refreshToken))",
            String(reflecting: loaded.clientSecret),
            EffectiveConfigurationPrinter.render(loaded),
        ]
        for text in renderings {
            #expect(!text.contains(TestSecrets.clientSecret))
            #expect(!text.contains(TestSecrets.refreshToken))
            #expect(!text.contains("Sup3rS3cret"))
        }
        #expect(dumped.contains("<redacted>"))
        #expect(loaded.clientSecret?.description == "<redacted>")
    }
}
