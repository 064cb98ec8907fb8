import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels

/// A running emulator plus a client pointed at it.
struct EmulatorFixture {
    let emulator: PartnerCenterEmulator
    let client: PartnerCenterClient
    let logs: LogCapture

    static func start(_ configuration: EmulatorConfiguration,
                      refreshTokenGrant: Bool = false,
                      tweak: (inout PartnerCenterClientConfiguration) -> Void = { _ in }) async throws -> EmulatorFixture {
        let emulator = try await PartnerCenterEmulator.start(configuration)
        let credentials = emulator.configuration.credentials
        let grant: ClientCredentials.Grant = refreshTokenGrant
            ? .refreshToken(clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken)
            : .clientCredentials(secret: credentials.clientSecret)
        var clientConfiguration = PartnerCenterClientConfiguration(
            baseURL: emulator.baseURL,
            credentials: ClientCredentials(
                tokenURL: refreshTokenGrant ? emulator.tokenURLv1 : emulator.tokenURL,
                clientID: credentials.clientID, tenantID: emulator.configuration.tenantID, grant: grant,
                form: refreshTokenGrant ? .v1(resource: "https://api.partnercenter.microsoft.com")
                    : .v2(scope: "https://api.partnercenter.microsoft.com/.default")),
            applicationName: "billing-sync-tests", requestsPerMinute: nil, maxConcurrency: 8,
            requestTimeout: .seconds(5),
            retry: RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200)))
        tweak(&clientConfiguration)
        let logs = LogCapture()
        let client = PartnerCenterClient(configuration: clientConfiguration, logger: logs.logger())
        return EmulatorFixture(emulator: emulator, client: client, logs: logs)
    }

    /// Runs `body` against a fresh emulator and always shuts it down.
    static func with(_ configuration: EmulatorConfiguration, refreshTokenGrant: Bool = false,
                     tweak: (inout PartnerCenterClientConfiguration) -> Void = { _ in },
                     _ body: (EmulatorFixture) async throws -> Void) async throws {
        let fixture = try await start(configuration, refreshTokenGrant: refreshTokenGrant, tweak: tweak)
        do {
            try await body(fixture)
        } catch {
            try? await fixture.emulator.shutdown()
            throw error
        }
        try await fixture.emulator.shutdown()
    }

    /// Every customer, page by page.
    func allCustomers(pageSize: Int) async throws -> [[Customer]] {
        var pages: [[Customer]] = []
        for try await page in client.customerPages(pageSize: pageSize) { pages.append(page) }
        return pages
    }
}
