import BillingSyncTesting
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels
import Testing

/// The real `PartnerCenterClient` over a scripted wire on a manual clock when Entra ID's token
/// endpoint answers 429 with `Retry-After`: no token request goes out before it has run.
@Suite struct TokenThrottlingWireTests {
    static let throttled = ScriptedWire.json(
        429, #"{"error": "temporarily_unavailable", "error_description": "Too many requests. Retry after 7 seconds."}"#,
        headers: [("Retry-After", "7")])
    static let unavailable = ScriptedWire.json(503, #"{"error": "temporarily_unavailable", "error_description": "busy"}"#)

    /// Seed 10460 of the simulation: the token refresh met 503s and then, on its last attempt, a
    /// 429 with `Retry-After: 7`. The call's send loop takes a 429 as "wait for the budget" and
    /// relies on the limiter being closed, but only the API's 429s close the limiter: the next
    /// token request went out at once, and the API call right after it.
    @Test func aRetryAfterFromTheTokenEndpointIsWaitedOutBeforeTheNextTokenRequest() async throws {
        let clock = ManualClock()
        // `WireTransportTests.client` retries 3 times: the 429 ends the first refresh.
        let tokenAnswers = AnswerQueue([Self.unavailable, Self.unavailable, Self.throttled, ScriptedWire.token("access-1")])
        let wire = ScriptedWire { sent in
            sent.isTokenRequest ? tokenAnswers.next() : ScriptedWire.json(200, WireTransportTests.customerJSON)
        }
        let client = WireTransportTests.client(wire, clock: clock)
        let call = Task { try await client.customer(WireTransportTests.customer) }
        try await eventually { wire.tokenRequests.count >= 3 }
        for _ in 0..<1_000 { await Task.yield() }
        #expect(wire.tokenRequests.count == 3, "a token request went out while Entra ID's Retry-After was running")
        #expect(wire.apiCalls.isEmpty)
        clock.advance(by: .milliseconds(6_990))
        for _ in 0..<1_000 { await Task.yield() }
        #expect(wire.tokenRequests.count == 3, "a token request went out while Entra ID's Retry-After was running")
        clock.advance(by: .milliseconds(10))
        let customer = try await call.value
        #expect(customer.id == WireTransportTests.customer)
        #expect(wire.tokenRequests.count == 4)
        #expect(wire.apiCalls.count == 1)
    }

    /// Within one refresh, a 429 from the token endpoint is waited out too (its `Retry-After`, not
    /// the back-off).
    @Test func aRetryAfterWithinOneRefreshIsWaitedOut() async throws {
        let clock = ManualClock()
        let tokenAnswers = AnswerQueue([Self.throttled, ScriptedWire.token("access-1")])
        let wire = ScriptedWire { sent in
            sent.isTokenRequest ? tokenAnswers.next() : ScriptedWire.json(200, WireTransportTests.customerJSON)
        }
        let client = WireTransportTests.client(wire, clock: clock)
        let call = Task { try await client.customer(WireTransportTests.customer) }
        try await eventually { wire.tokenRequests.count >= 1 }
        clock.advance(by: .milliseconds(6_990))
        for _ in 0..<1_000 { await Task.yield() }
        #expect(wire.tokenRequests.count == 1, "a token request went out while Entra ID's Retry-After was running")
        clock.advance(by: .milliseconds(10))
        _ = try await call.value
        #expect(wire.tokenRequests.count == 2)
    }
}
