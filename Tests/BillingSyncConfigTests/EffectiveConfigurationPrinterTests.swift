import Foundation
import Testing
@testable import BillingSyncConfig

@Suite("Effective configuration printer")
struct EffectiveConfigurationPrinterTests {
    @Test("shows every setting including defaults, with secrets redacted and sized")
    func rendersEverything() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: minimalTOML, source: "p.toml")
        let text = EffectiveConfigurationPrinter.render(loaded)

        for line in ["page_size = 500", "busy_timeout = \"5s\"", "full_resync_interval = \"24h\"",
                     "auth = \"app_user\"", "listen = \"127.0.0.1:9464\"", "max_response_bytes = 8388608",
                     "# effective token URL: https://login.microsoftonline.com/6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f/oauth2/v2.0/token"] {
            #expect(text.contains(line + "\n"), "missing \(line)")
        }
        let bytes = TestSecrets.clientSecret.utf8.count
        #expect(text.contains("# client secret: <redacted> (from \(credentials.path)/client_secret, \(bytes) bytes)"))
        #expect(!text.contains(TestSecrets.clientSecret))
        #expect(!text.contains(TestSecrets.refreshToken))
    }

    @Test("output is valid TOML that loads back to the same configuration")
    func roundTrip() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let loader = ConfigurationLoader(environment: credentials.environment)
        let source = minimalTOML + """
            cloud = "usgov"
            base_url = "https://pc.example.com"
            application_name = "say \\"hi\\""
            [azure]
            enabled = true
            billing_accounts = ["acct-1", "acct-2"]
            billing_profiles = ["acct-1/prof-1"]
            [sync]
            audit_interval = "1h30m"
            """
        let first = try loader.load(toml: source, source: "one.toml")
        let second = try loader.load(toml: EffectiveConfigurationPrinter.render(first), source: "two.toml")
        #expect(second.configuration == first.configuration)
    }

    @Test("warnings are listed as comments")
    func warnings() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        try credentials.write("refresh_token", TestSecrets.refreshToken, mode: 0o640)
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: minimalTOML, source: "p.toml")
        let text = EffectiveConfigurationPrinter.render(loaded)
        #expect(text.contains("# warning: p.toml: partner_center.refresh_token_file: secret file"))
    }
}
