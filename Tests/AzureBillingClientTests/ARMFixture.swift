import AzureBillingClient
import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator

/// An emulator serving ARM billing customers and an `AzureBillingClient` pointed at it.
struct ARMFixture {
    static let account = "1234567:0f8a7e6d-1111-2222-3333-444455556666_2019-05-31"

    let emulator: PartnerCenterEmulator
    let client: AzureBillingClient
    let logs: LogCapture

    var state: EmulatorState { emulator.state }

    /// Starts an emulator with `customers` ARM customers in `account`, `pageSize` per page.
    static func with(customers: Int = 12, pageSize: Int = 5,
                     emulator adjustEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                     client adjustClient: (inout AzureBillingClientConfiguration) -> Void = { _ in },
                     _ body: (ARMFixture) async throws -> Void) async throws {
        var configuration = EmulatorConfiguration(customerCount: 1, seed: 5)
        configuration.armBillingAccounts = [account]
        configuration.armCustomersPerAccount = customers
        configuration.armDefaultPageSize = pageSize
        adjustEmulator(&configuration)
        let emulator = try await PartnerCenterEmulator.start(configuration)
        let credentials = emulator.configuration.credentials
        var clientConfiguration = AzureBillingClientConfiguration(
            armBaseURL: emulator.baseURL,
            credentials: ClientCredentials(tokenURL: emulator.tokenURL, clientID: credentials.clientID,
                                           tenantID: emulator.configuration.tenantID,
                                           grant: .clientCredentials(secret: credentials.clientSecret),
                                           form: .v2(scope: "https://management.azure.com/.default")),
            requestsPerMinute: nil, requestTimeout: .seconds(10),
            retry: RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(200)))
        adjustClient(&clientConfiguration)
        let logs = LogCapture()
        let fixture = ARMFixture(emulator: emulator,
                                 client: AzureBillingClient(configuration: clientConfiguration, logger: logs.logger()),
                                 logs: logs)
        do {
            try await body(fixture)
        } catch {
            try? await emulator.shutdown()
            throw error
        }
        try await emulator.shutdown()
    }

    /// Every page of a listing.
    func pages(_ scope: AzureCustomerScope, query: AzureCustomerQuery = AzureCustomerQuery()) async throws -> [[AzureCustomer]] {
        var pages: [[AzureCustomer]] = []
        for try await page in client.customerPages(scope, query: query) { pages.append(page) }
        return pages
    }
}
