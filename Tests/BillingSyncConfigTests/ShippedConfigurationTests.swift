import Foundation
import Testing
@testable import BillingSyncConfig

@Suite("Shipped example configuration")
struct ShippedConfigurationTests {
    @Test("config/billing-sync.toml validates with secrets from $CREDENTIALS_DIRECTORY")
    func shippedFileValidates() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let path = repositoryRoot.appendingPathComponent("config/billing-sync.toml").path
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(path: path)

        #expect(loaded.warnings.isEmpty)
        #expect(loaded.sourcePath == path)
        #expect(loaded.clientSecret?.reveal() == TestSecrets.clientSecret)
        #expect(loaded.refreshToken?.reveal() == TestSecrets.refreshToken)
        #expect(loaded.clientSecret?.origin == credentials.path + "/client_secret")
        let config = loaded.configuration
        #expect(config.database.path == "/var/lib/billing-sync/billing-sync.sqlite")
        #expect(config.partnerCenter.tenantID == "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
        #expect(config.partnerCenter.auth == .appUser)
        #expect(config.azure.enabled == false)
    }

    @Test("the shipped file states every default explicitly")
    func shippedFileMatchesDefaults() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let path = repositoryRoot.appendingPathComponent("config/billing-sync.toml").path
        let config = try ConfigurationLoader(environment: credentials.environment).load(path: path).configuration

        var expected = BillingSyncConfiguration.defaults(
            databasePath: "/var/lib/billing-sync/billing-sync.sqlite",
            tenantID: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            clientID: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
        )
        expected.partnerCenter.clientSecretFile = "client_secret"
        expected.partnerCenter.refreshTokenFile = "refresh_token"
        #expect(config == expected)
    }

    @Test("a minimal file gets every documented default")
    func defaultsFilledIn() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let loaded = try ConfigurationLoader(environment: credentials.environment).load(toml: minimalTOML, source: "m.toml")
        let config = loaded.configuration

        #expect(config.database.busyTimeout == .seconds(5))
        #expect(config.database.synchronous == .full)
        #expect(config.database.checkpointInterval == .seconds(300))
        #expect(config.database.journalSizeLimitMB == 64)
        #expect(config.database.integrityCheckInterval == .seconds(86_400))
        #expect(config.partnerCenter.cloud == .global)
        #expect(config.partnerCenter.auth == .appUser)
        #expect(config.partnerCenter.tokenEndpoint == .v2)
        #expect(config.partnerCenter.scope == "https://api.partnercenter.microsoft.com/.default")
        #expect(config.partnerCenter.resource == "https://api.partnercenter.microsoft.com")
        #expect(config.partnerCenter.applicationName == "billing-sync")
        #expect(config.partnerCenter.connectTimeout == .seconds(10))
        #expect(config.partnerCenter.requestTimeout == .seconds(60))
        #expect(config.partnerCenter.maxResponseBytes == 8_388_608)
        #expect(config.sync.pageSize == 500)
        #expect(config.sync.maxConcurrency == 8)
        #expect(config.sync.requestsPerMinute == 500)
        #expect(config.sync.auditInterval == .seconds(60))
        #expect(config.sync.auditFeed)
        #expect(config.sync.fullResyncInterval == .seconds(86_400))
        #expect(config.sync.fullResyncJitter == .seconds(1_800))
        #expect(config.sync.batchSize == 200)
        #expect(config.push.enabled)
        #expect(config.push.maxAttempts == 5)
        #expect(config.push.backoffInitial == .seconds(1))
        #expect(config.push.backoffMax == .seconds(60))
        #expect(config.push.pollInterval == .seconds(1))
        #expect(config.azure.enabled == false)
        #expect(config.azure.apiVersion == "2020-05-01")
        #expect(config.azure.expand)
        #expect(config.azure.interval == .seconds(21_600))
        #expect(config.logging.level == .info)
        #expect(config.logging.format == .auto)
        #expect(config.metrics.enabled == false)
        #expect(config.metrics.listen == ListenAddress(host: "127.0.0.1", port: 9_464))
        // GUIDs are normalised to lower case.
        #expect(config.partnerCenter.tenantID == "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
        // Without *_file keys the systemd credential names are used.
        #expect(loaded.clientSecret?.reveal() == TestSecrets.clientSecret)
        #expect(loaded.refreshToken?.reveal() == TestSecrets.refreshToken)
    }
}
