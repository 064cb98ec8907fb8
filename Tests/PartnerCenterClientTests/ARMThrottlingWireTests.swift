import AzureBillingClient
import BillingSyncTesting
import Foundation
import Logging
import PartnerCenterClient
import Testing

/// The real `AzureBillingClient` with the daemon's default ARM policy over a scripted wire on a
/// manual clock: how it answers ARM's hourly tenant read budget.
@Suite struct ARMThrottlingWireTests {
    static let account = "1234567:0f8a7e6d-1111-2222-3333-444455556666_2019-05-31"

    static func client(_ wire: ScriptedWire, clock: ManualClock) -> AzureBillingClient {
        let credentials = ClientCredentials(
            tokenURL: "https://login.example.test/tenant/oauth2/v2.0/token", clientID: "app", tenantID: "tenant",
            grant: .clientCredentials(secret: "secret"), form: .v2(scope: "https://management.azure.com/.default"))
        // The retry policy's defaults are under test; no request rate, so that after the pause only
        // `Retry-After` decides when the next request goes.
        let configuration = AzureBillingClientConfiguration(armBaseURL: "https://management.example.test",
                                                            credentials: credentials, requestsPerMinute: nil)
        return AzureBillingClient(configuration: configuration, exchange: wire, clock: TransportClock(clock),
                                  logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    static let throttled = ScriptedWire.json(
        429, #"{"error": {"code": "TooManyRequests", "message": "The request is being throttled as the limit has been reached for operation type - Read. Please retry after 3412 seconds."}}"#,
        headers: [("Retry-After", "3412")])
    static let page = ScriptedWire.json(200, #"{"value": []}"#)

    /// Seed 2376 of the simulation: the client waited 120 s of ARM's hour-long `Retry-After`, tried
    /// again into the spent budget, gave up after its patience, and the Azure pass restarted from
    /// the first page, so with a small hourly budget no pass ever completed.
    @Test func anHourLongRetryAfterFromTheReadBudgetIsWaitedOutInFull() async throws {
        let clock = ManualClock()
        let answers = AnswerQueue([Self.throttled, Self.page])
        let wire = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : answers.next() }
        let client = Self.client(wire, clock: clock)
        let listing = Task {
            var pages = 0
            for try await _ in client.customerListing(.billingAccount(Self.account), query: AzureCustomerQuery()) { pages += 1 }
            return pages
        }
        try await eventually {
            let pause = await client.limiter.remainingPause
            return wire.apiCalls.count == 1 && pause > .zero
        }
        #expect(await client.limiter.remainingPause == .seconds(3_412))
        // Long after the old 120-second cap, still waiting: no request into the spent budget.
        clock.advance(by: .seconds(3_411))
        for _ in 0..<1_000 { await Task.yield() }
        #expect(wire.apiCalls.count == 1, "a request went out while ARM's Retry-After was running")
        #expect(await client.limiter.remainingPause == .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(try await listing.value == 1)
        #expect(wire.apiCalls.count == 2)
    }
}
