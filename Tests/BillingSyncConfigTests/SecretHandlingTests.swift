import Foundation
import Testing
@testable import BillingSyncConfig

@Suite struct SecretHandlingTests {
    /// `check-config` for a newcomer: the example names secret files that do not exist yet.
    @Test func missingSecretFileSaysHowSystemdProvidesIt() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("billing-sync.toml", minimalTOML + "client_secret_file = \"client_secret\"\nrefresh_token_file = \"refresh_token\"\n")
        let failure: ConfigurationError
        do throws(ConfigurationError) {
            _ = try ConfigurationLoader(environment: [:]).load(path: path)
            Issue.record("missing secret files must fail")
            return
        } catch {
            failure = error
        }
        let text = failure.description
        #expect(text.contains(folder.path + "/client_secret does not exist"))
        #expect(text.contains(folder.path + "/refresh_token does not exist"))
        #expect(text.contains("LoadCredential=client_secret:/etc/billing-sync/client_secret"))
        #expect(text.contains("$CREDENTIALS_DIRECTORY"))
        #expect(text.contains("--skip-secrets"))
    }

    /// Read-only commands and `check-config --skip-secrets`: no secret file is opened.
    @Test func skippingSecretsNeverOpensThem() throws {
        let folder = try TemporaryDirectory()
        let secret = try folder.write("client_secret", "s", mode: 0o000)
        let text = minimalTOML + "client_secret_file = \"\(secret)\"\nrefresh_token_file = \"/nonexistent/refresh_token\"\n"
        let loaded = try ConfigurationLoader(environment: [:], secrets: .skip).load(toml: text, source: "t.toml")
        #expect(loaded.clientSecret == nil && loaded.refreshToken == nil)
        #expect(loaded.configuration.database.path == "/tmp/billing-sync-test.sqlite")
        let invalid = minimalTOML + "[sync]\npage_size = 0\n"
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader(environment: [:], secrets: .skip).load(toml: invalid, source: "t.toml")
        }
    }
}
