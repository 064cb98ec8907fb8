import AsyncHTTPClient
import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite struct ResilienceIntegrationTests {
    /// Turns one fault on at a rate that fails some attempts, then reads every profile.
    private func survives(_ faults: FaultSettings, customers: Int = 12) async throws -> (Int, ClientHealthSnapshot) {
        var total = 0
        var health: ClientHealthSnapshot?
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: customers, seed: 7), tweak: {
            $0.retry = RetryPolicy(maxAttempts: 8, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50))
        }) { fixture in
            try await fixture.client.fetchAccessToken()
            await fixture.emulator.state.setFaults(faults)
            for id in await fixture.emulator.state.customerIDs() {
                let profile = try await fixture.client.billingProfile(id)
                #expect(profile.etag != nil)
            }
            total = await fixture.emulator.state.requestCount(route: "GET /v1/customers/{id}/profiles/billing")
            health = await fixture.client.health
        }
        return (total, try #require(health))
    }

    @Test func serverErrorsAreRetried() async throws {
        var faults = FaultSettings.only(\.internalServerErrorRate, 0.3)
        faults.serviceUnavailableRate = 0.2
        let (requests, health) = try await survives(faults)
        #expect(requests > 12)
        #expect(health.lastErrorKind == .transient)
    }

    @Test func connectionResetsAreRetried() async throws {
        let (requests, health) = try await survives(.only(\.connectionResetRate, 0.3))
        #expect(requests > 12)
        #expect(health.lastErrorKind == .transient)
    }

    @Test func truncatedJSONIsRetried() async throws {
        let (requests, health) = try await survives(.only(\.truncatedJSONRate, 0.3))
        #expect(requests > 12)
        #expect(health.failedRequestCount == requests - 12)
    }

    @Test func malformedJSONIsInvalidResponseAndRetried() async throws {
        let (requests, health) = try await survives(.only(\.malformedJSONRate, 0.3))
        #expect(requests > 12)
        #expect(health.lastErrorKind == .invalidResponse)
    }

    @Test func latencyIsTolerated() async throws {
        var faults = FaultSettings()
        faults.latency = .milliseconds(100)
        let (requests, health) = try await survives(faults, customers: 3)
        #expect(requests == 3)
        #expect(health.failedRequestCount == 0)
    }

    /// The customer to read, with a token already held and every body from now on sent 16 bytes
    /// every 200 ms (~15 s for a profile).
    private func startDrippingBodies(_ fixture: EmulatorFixture) async throws -> CustomerID {
        let id = try #require(await fixture.emulator.state.customerIDs().first)
        try await fixture.client.fetchAccessToken()
        var faults = FaultSettings()
        faults.slowBodyChunkDelay = .milliseconds(200)
        faults.slowBodyChunkSize = 16
        await fixture.emulator.state.setFaults(faults)
        return id
    }

    @Test func slowBodyBeyondTheTimeoutIsTransient() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7), tweak: {
            // A body needing ~15 s against a 2 s timeout: clear either way, even on a loaded machine.
            // (1 s was too short for the token request itself while the whole suite runs on 2 cores:
            // the deadline now starts when the attempt is made, not when its task first runs.)
            $0.requestTimeout = .seconds(2)
            $0.retry = RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(10))
        }) { fixture in
            let id = try await startDrippingBodies(fixture)
            let started = ContinuousClock.now
            await #expect { try await fixture.client.billingProfile(id) } throws: { error in
                guard let error = error as? PartnerCenterError else { return false }
                return error.kind == .transient && error.isRetryable && error.requestID != nil
            }
            #expect(started.duration(to: .now) < .seconds(8))

            await fixture.emulator.state.setFaults(FaultSettings())
            #expect(try await fixture.client.billingProfile(id).etag != nil)
        }
    }

    /// A body larger than `max_response_bytes` is refused while it arrives (never collected
    /// whole), as an invalid response naming the limit; the same body under the cap is read whole.
    @Test func bodyOverTheSizeCapIsAnInvalidResponse() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7)) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            // Without a token the emulator answers 401 with a JSON error body.
            let request = RawRequest(method: .GET, url: fixture.emulator.baseURL + "/v1/customers/\(id.rawValue)/profiles/billing")
            let roomy = AsyncHTTPClientExchange(httpClient: .shared, timeout: .seconds(10), maxResponseBytes: 1 << 20)
            let whole = try await roomy.perform(request, requestID: "r-1", correlationID: nil)
            #expect(whole.status == 401 && whole.body.count > 16)
            let tight = AsyncHTTPClientExchange(httpClient: .shared, timeout: .seconds(10), maxResponseBytes: 16)
            await #expect { _ = try await tight.perform(request, requestID: "r-2", correlationID: nil) } throws: { error in
                guard let error = error as? PartnerCenterError else { return false }
                return error.kind == .invalidResponse && error.message.contains("exceeds 16 bytes") && error.requestID == "r-2"
            }
        }
    }

    /// Cancelling the caller while a body drips in ends the exchange at once, as a cancellation
    /// (not a timeout, not a retry).
    @Test func cancellingDuringASlowBodyEndsTheExchange() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7), tweak: {
            $0.transport.requestTimeout = .seconds(30)
        }) { fixture in
            let id = try await startDrippingBodies(fixture)
            let client = fixture.client
            let fetch = Task { try await client.billingProfile(id) }
            try await Task.sleep(for: .milliseconds(500))
            let started = ContinuousClock.now
            fetch.cancel()
            let result = await fetch.result
            #expect(started.duration(to: .now) < .seconds(5))
            #expect(throws: PartnerCenterError.self) { try result.get() }
            if case .failure(let error as PartnerCenterError) = result { #expect(error.kind == .cancelled) }
        }
    }

    @Test func retriedPUTAfterTimeoutReusesTheRequestID() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7)) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            let profile = try await fixture.client.billingProfile(id)
            await fixture.emulator.state.setFaults(.only(\.lostPutResponseRate))
            let requestID = UUID()
            await #expect(throws: PartnerCenterError.self) {
                try await fixture.client.updateBillingProfile(id, profile: profile, ifMatch: profile.etag ?? "", requestID: requestID)
            }
            let puts = await fixture.emulator.state.writeLog()
            #expect(!puts.isEmpty)
            #expect(puts.allSatisfy { $0.requestID == requestID.uuidString.lowercased() })
        }
    }
}
