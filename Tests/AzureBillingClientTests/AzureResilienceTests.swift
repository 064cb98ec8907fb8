import AzureBillingClient
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM errors, throttling and pacing")
struct AzureResilienceTests {
    @Test("an unknown customer is a typed notFound with the ARM error code and message")
    func armErrorBody() async throws {
        try await ARMFixture.with(customers: 2) { f in
            let error = await #expect(throws: PartnerCenterError.self) {
                _ = try await f.client.customer(account: ARMFixture.account, name: "00000000-0000-0000-0000-000000000000")
            }
            #expect(error?.kind == .notFound && error?.status == 404)
            #expect(error?.code == "CustomerNotFound" && error?.message.isEmpty == false)
            #expect(error?.requestID != nil && error?.message.contains("x-ms-request-id") == true)
        }
    }

    @Test("a bad name is refused before any request is sent")
    func badNameNoRequest() async throws {
        try await ARMFixture.with(customers: 2) { f in
            let error = await #expect(throws: PartnerCenterError.self) {
                _ = try await f.client.customer(account: ARMFixture.account, name: "../../subscriptions")
            }
            #expect(error?.kind == .invalidInput)
            #expect(await f.state.armRequestCount() == 0)
        }
    }

    @Test("429 with Retry-After: 1 closes the client for a second, then the call succeeds")
    func tooManyRequestsHonoured() async throws {
        var faults = FaultSettings()
        faults.tooManyRequestsRate = 1
        faults.tooManyRequestsRetryAfter = 1
        try await ARMFixture.with(customers: 3, emulator: { $0.faults = faults }) { f in
            let started = ContinuousClock.now
            let listing = Task { try await f.pages(.billingAccount(ARMFixture.account)).flatMap { $0 } }
            let deadline = ContinuousClock.now + .seconds(20)
            while await f.state.armRequestCount(status: 429) == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            await f.state.setFaults(FaultSettings())
            let customers = try await listing.value
            #expect(customers.count == 3)
            #expect(started.duration(to: .now) >= .milliseconds(950), "the retry waited for Retry-After")
            let health = await f.client.health
            #expect(health.rateLimitedCount >= 1)
        }
    }

    @Test("few remaining tenant reads: requests are spaced out before ARM throttles")
    func pacesOnRemainingReads() async throws {
        try await ARMFixture.with(customers: 12, pageSize: 2, emulator: { $0.armReadsPerHour = 40 },
                                  client: {
                                      $0.tenantReadsThreshold = 1000
                                      $0.tenantReadsWindow = .seconds(4)
                                  }) { f in
            let started = ContinuousClock.now
            let customers = try await f.pages(.billingAccount(ARMFixture.account)).flatMap { $0 }
            #expect(customers.count == 12)
            // 6 pages; from the third on, each waits 4 s / remaining reads (≥ 0.1 s): at least 4 gaps.
            #expect(started.duration(to: .now) >= .milliseconds(380))
            #expect(await f.client.readSpacing > .zero)
            #expect(f.logs.text.contains("spacing requests"))
            #expect(await f.state.armRequestCount(status: 429) == 0)
        }
    }

    @Test("every call sends a client request id and logs ARM's request and correlation ids")
    func requestIDsLogged() async throws {
        try await ARMFixture.with(customers: 2) { f in
            _ = try await f.pages(.billingAccount(ARMFixture.account))
            let text = f.logs.text
            #expect(text.contains("client_request_id") && text.contains("ms_request_id")
                && text.contains("ms_correlation_request_id"))
            let secret = f.emulator.configuration.credentials.clientSecret
            #expect(!text.contains(secret), "the client secret never appears in logs")
        }
    }
}
