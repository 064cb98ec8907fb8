import Foundation
import Testing
@testable import BillingSyncConfig

@Suite("Cloud presets and URL overrides")
struct CloudPresetTests {
    private let tenant = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f"

    private func load(_ extra: String) throws -> BillingSyncConfiguration {
        let credentials = try TemporaryDirectory.withCredentials()
        return try ConfigurationLoader(environment: credentials.environment)
            .load(toml: minimalTOML + extra, source: "c.toml").configuration
    }

    @Test("global cloud defaults")
    func global() throws {
        let config = try load("")
        #expect(config.partnerCenter.effectiveBaseURL.absoluteString == "https://api.partnercenter.microsoft.com")
        #expect(config.partnerCenter.effectiveTokenURL.absoluteString
            == "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token")
        #expect(config.azure.effectiveARMBaseURL(cloud: .global).absoluteString == "https://management.azure.com")
        #expect(config.azure.effectiveScope(cloud: .global) == "https://management.azure.com/.default")
    }

    @Test("usgov uses the .us authority, the global API and the usgov ARM endpoint")
    func usgov() throws {
        let config = try load("cloud = \"usgov\"\ntoken_endpoint = \"v1\"\n")
        #expect(config.partnerCenter.effectiveBaseURL.absoluteString == "https://api.partnercenter.microsoft.com")
        #expect(config.partnerCenter.effectiveTokenURL.absoluteString
            == "https://login.microsoftonline.us/\(tenant)/oauth2/token")
        #expect(config.azure.effectiveARMBaseURL(cloud: config.partnerCenter.cloud).absoluteString
            == "https://management.usgovcloudapi.net")
    }

    @Test("china uses the 21Vianet API, authority and ARM endpoint")
    func china() throws {
        let config = try load("cloud = \"china\"\n")
        #expect(config.partnerCenter.effectiveBaseURL.absoluteString == "https://partner.partnercenterapi.microsoftonline.cn")
        #expect(config.partnerCenter.effectiveTokenURL.absoluteString
            == "https://login.chinacloudapi.cn/\(tenant)/oauth2/v2.0/token")
        #expect(config.azure.effectiveARMBaseURL(cloud: .china).absoluteString == "https://management.chinacloudapi.cn")
    }

    @Test("explicit URL overrides win (loopback http allowed for the emulator)")
    func overrides() throws {
        let config = try load("""
            cloud = "china"
            base_url = "http://127.0.0.1:8080"
            token_url = "http://[::1]:8081/tenant/oauth2/v2.0/token"
            [azure]
            arm_base_url = "http://localhost:8082"
            """)
        #expect(config.partnerCenter.effectiveBaseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(config.partnerCenter.effectiveTokenURL.absoluteString == "http://[::1]:8081/tenant/oauth2/v2.0/token")
        #expect(config.azure.effectiveARMBaseURL(cloud: .china).absoluteString == "http://localhost:8082")
    }

    @Test("metrics may bind non-loopback only when allowed")
    func metricsListen() throws {
        let config = try load("[metrics]\nenabled = true\nlisten = \"0.0.0.0:9100\"\nallow_non_loopback = true\n")
        #expect(config.metrics.listen == ListenAddress(host: "0.0.0.0", port: 9_100))
        let v6 = try load("[metrics]\nlisten = \"[::1]:9100\"\n")
        #expect(v6.metrics.listen.host == "::1")
        #expect(v6.metrics.listen.description == "[::1]:9100")
    }
}
