import BillingSyncDaemon
import BillingSyncTesting
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels
import Synchronization
import Testing

/// The real `PartnerCenterClient` (transport, token provider, limiter, retries) over a scripted
/// in-memory wire on a manual clock: what goes on the wire, and when, without a socket.
@Suite struct WireTransportTests {
    static let customer = CustomerID("0b6a8f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")!
    static let tokenURL = "https://login.example.test/tenant/oauth2/v2.0/token"

    static func client(_ wire: ScriptedWire, clock: ManualClock, requestsPerMinute: Int? = nil,
                       store: (any RefreshTokenStore)? = nil, refreshToken: String = "rt-1",
                       exchange: (any HTTPExchange)? = nil) -> PartnerCenterClient {
        let credentials = ClientCredentials(
            tokenURL: tokenURL, clientID: "app", tenantID: "tenant",
            grant: .refreshToken(clientSecret: "secret", refreshToken: refreshToken),
            form: .v2(scope: "https://api.partnercenter.microsoft.com/.default"), refreshTokenStore: store)
        let configuration = PartnerCenterClientConfiguration(
            baseURL: "https://api.example.test", credentials: credentials, requestsPerMinute: requestsPerMinute,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .zero, maxBackoff: .zero))
        return PartnerCenterClient(configuration: configuration, exchange: exchange ?? wire, clock: TransportClock(clock),
                                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    static let customerJSON = #"{"id": "0b6a8f7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "companyProfile": {"companyName": "Contoso"}}"#

    @Test func aRetryAfterClosesTheLimiterForExactlyThatLong() async throws {
        let clock = ManualClock()
        let answers = AnswerQueue([
            ScriptedWire.json(429, #"{"statusCode": 429, "message": "Rate limit is exceeded."}"#, headers: [("Retry-After", "7")]),
            ScriptedWire.json(200, Self.customerJSON),
        ])
        let scripted = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : answers.next() }
        let client = Self.client(scripted, clock: clock)
        let call = Task { try await client.customer(Self.customer) }
        try await eventually {
            let pause = await client.limiter.remainingPause
            return scripted.apiCalls.count == 1 && pause > .zero
        }
        #expect(await client.limiter.remainingPause == .seconds(7))
        clock.advance(by: .milliseconds(6_990))
        #expect(await client.limiter.remainingPause == .milliseconds(10))
        for _ in 0..<1_000 { await Task.yield() }
        #expect(scripted.apiCalls.count == 1, "a request went out while the service's Retry-After was running")
        clock.advance(by: .milliseconds(10))
        let customer = try await call.value
        #expect(customer.id == Self.customer)
        #expect(scripted.apiCalls.count == 2)
        #expect(await client.limiter.remainingPause == .zero)
    }

    @Test func aRotatedRefreshTokenIsUsedNextAndKeptInTheFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wire-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = RefreshTokenFile(databasePath: "\(directory)/billing-sync.db")
        let chain = RotatingTokens()
        let wire = ScriptedWire { sent in
            if sent.isTokenRequest { return chain.answer(sent.form["refresh_token"] ?? "") }
            return ScriptedWire.json(200, Self.customerJSON)
        }
        let clock = ManualClock()
        let client = Self.client(wire, clock: clock, store: file)
        try await client.fetchAccessToken()
        #expect(file.newest(descendingFrom: "rt-1") == "rt-2")
        // The access token runs out: the next call refreshes with the rotated token.
        clock.advance(by: .seconds(3_600))
        _ = try await client.customer(Self.customer)
        #expect(file.newest(descendingFrom: "rt-1") == "rt-3")
        // A restart (a new client, the operator's credential still rt-1) continues from the file.
        let restarted = Self.client(wire, clock: clock, store: file)
        try await restarted.fetchAccessToken()
        let presented = wire.tokenRequests.map { $0.form["refresh_token"] ?? "" }
        #expect(presented == ["rt-1", "rt-2", "rt-3"])
        #expect(chain.refusals == 0, "a superseded refresh token was presented")
        #expect(file.newest(descendingFrom: "rt-1") == "rt-4")
        // The bearer of each call is the access token of the newest refresh.
        #expect(wire.apiCalls.last?.header("Authorization") == "Bearer access-rt-2")
    }

    @Test func aPutCarriesIfMatchAndOneRequestIDOverItsRetries() async throws {
        let answers = AnswerQueue([
            ScriptedWire.json(503, #"{"code": 503, "description": "The service is temporarily unavailable."}"#,
                              headers: [("Retry-After", "2")]),
            ScriptedWire.json(200, #"{"id": "billing", "attributes": {"etag": "etag-2"}}"#),
        ])
        let wire = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : answers.next() }
        let clock = ManualClock()
        let client = Self.client(wire, clock: clock)
        let requestID = UUID()
        let profile = BillingProfile(resource: .object(["id": .string("billing"), "attributes": .object(["etag": .string("etag-1")])]))
        let call = Task { try await client.updateBillingProfile(Self.customer, profile: profile, ifMatch: "etag-1", requestID: requestID) }
        try await eventually { wire.apiCalls.count == 1 }
        for _ in 0..<100 { await Task.yield() }
        clock.advance(by: .seconds(2))
        let updated = try await call.value
        #expect(updated.etag == "etag-2")
        let puts = wire.apiCalls
        #expect(puts.count == 2)
        for put in puts {
            #expect(put.request.method == .PUT)
            #expect(put.request.url == "https://api.example.test/v1/customers/\(Self.customer.rawValue)/profiles/billing")
            #expect(put.header("If-Match") == "\"etag-1\"")
            #expect(put.header("MS-RequestId") == requestID.uuidString.lowercased())
            #expect(put.header("Authorization") == "Bearer access-1")
            #expect(put.header("Content-Type") == "application/json")
            let body = try JSONValue(parsing: put.request.body ?? Data())
            #expect(body.object("attributes")?.text("etag") == "etag-1")
        }
        #expect(puts[0].header("MS-CorrelationId") == puts[1].header("MS-CorrelationId"))
        #expect(puts[0].header("MS-CorrelationId") != nil)
    }

    /// Found by the simulation over the wire (seed 3): a PUT whose answer was lost, retried and then
    /// refused (403) was reported as refused, so the engine recorded its own applied values as
    /// another admin's change.
    @Test func aWriteRefusedAfterAnAttemptThatMayHaveBeenAppliedStaysInDoubt() async throws {
        let attempts = AnswerQueue([
            RawResponse(status: 0),
            ScriptedWire.json(403, #"{"code": 20002, "description": "Access denied: no commerce relationship"}"#),
        ])
        let wire = FailingWire(ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : attempts.next() })
        let client = Self.client(wire.scripted, clock: ManualClock(), exchange: wire)
        let profile = BillingProfile(resource: .object(["id": .string("billing"), "attributes": .object(["etag": .string("etag-1")])]))
        let error = await #expect(throws: PartnerCenterError.self) {
            try await client.updateBillingProfile(Self.customer, profile: profile, ifMatch: "etag-1", requestID: UUID())
        }
        #expect(error?.kind == .transient)
        #expect(error?.message.contains("HTTP 403") == true)
        #expect(wire.scripted.apiCalls.count == 2)
        // A read refused after a lost answer is just refused.
        let reads = AnswerQueue([RawResponse(status: 0), ScriptedWire.json(403, #"{"code": 20002, "description": "Access denied"}"#)])
        let readWire = FailingWire(ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : reads.next() })
        let reader = Self.client(readWire.scripted, clock: ManualClock(), exchange: readWire)
        let refused = await #expect(throws: PartnerCenterError.self) { try await reader.billingProfile(Self.customer) }
        #expect(refused?.kind == .forbidden)
    }

    /// Found by the simulation over the wire (seed 38): a request that passed the limiter and then
    /// waited for a token refresh went out while a `Retry-After` given meanwhile ran.
    @Test func aRequestWhoseTokenCameDuringAPauseWaitsForIt() async throws {
        let clock = ManualClock()
        let held = HeldTokenWire(ScriptedWire { sent in
            sent.isTokenRequest ? ScriptedWire.token("access-1") : ScriptedWire.json(200, Self.customerJSON)
        })
        let client = Self.client(held.scripted, clock: clock, exchange: held)
        let call = Task { try await client.customer(Self.customer) }
        try await eventually { held.scripted.tokenRequests.count == 1 }
        // Another worker's 429: the limiter closes while this request waits for its token.
        await client.limiter.pause(for: .seconds(7))
        held.release()
        for _ in 0..<1_000 { await Task.yield() }
        #expect(held.scripted.apiCalls.isEmpty, "a request went out while the service's Retry-After was running")
        clock.advance(by: .seconds(7))
        _ = try await call.value
        #expect(held.scripted.apiCalls.count == 1)
    }

    @Test func anErrorBodyIsReadIntoTheError() async throws {
        let wire = ScriptedWire { sent in
            sent.isTokenRequest ? ScriptedWire.token("access-1")
                : ScriptedWire.json(404, #"{"code": 60003, "description": "Tenant not found", "source": "PartnerFD"}"#)
        }
        let client = Self.client(wire, clock: ManualClock())
        let error = await #expect(throws: PartnerCenterError.self) { try await client.customer(Self.customer) }
        #expect(error?.kind == .notFound)
        #expect(error?.code == "60003")
        #expect(wire.apiCalls.count == 1, "a 404 is not retried")
    }
}

/// Answers handed out in order, one per request.
final class AnswerQueue: Sendable {
    private let answers: Mutex<[RawResponse]>

    init(_ answers: [RawResponse]) { self.answers = Mutex(answers) }

    func next() -> RawResponse {
        answers.withLock { $0.isEmpty ? RawResponse(status: 599) : $0.removeFirst() }
    }
}

/// A token endpoint that rotates refresh tokens as Entra ID does (`rt-N` → `rt-N+1`, the one
/// presented superseded), and counts refusals of superseded tokens.
final class RotatingTokens: Sendable {
    private let state = Mutex((newest: 1, refusals: 0))

    var refusals: Int { state.withLock { $0.refusals } }

    func answer(_ presented: String) -> RawResponse {
        state.withLock { state in
            guard presented == "rt-\(state.newest)" else {
                state.refusals += 1
                return ScriptedWire.json(400, #"{"error": "invalid_grant", "error_description": "AADSTS700082: superseded"}"#)
            }
            state.newest += 1
            return ScriptedWire.token("access-\(presented)", refreshToken: "rt-\(state.newest)")
        }
    }
}

/// A scripted wire whose status-0 answers are a connection reset after the request was sent.
final class FailingWire: HTTPExchange {
    let scripted: ScriptedWire

    init(_ scripted: ScriptedWire) { self.scripted = scripted }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let response = try await scripted.perform(request, requestID: requestID, correlationID: correlationID)
        guard response.status != 0 else {
            throw PartnerCenterError(kind: .transient, message: "the connection was closed before the response was complete")
        }
        return response
    }
}

/// A scripted wire that holds token requests until `release()`.
final class HeldTokenWire: HTTPExchange {
    let scripted: ScriptedWire
    private let gate = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init(_ scripted: ScriptedWire) { self.scripted = scripted }

    func release() {
        let waiting = gate.withLock { gate in
            gate.open = true
            defer { gate.waiting = [] }
            return gate.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let response = try await scripted.perform(request, requestID: requestID, correlationID: correlationID)
        if request.url.hasSuffix("/token") {
            await withCheckedContinuation { continuation in
                let open = gate.withLock { gate in
                    if !gate.open { gate.waiting.append(continuation) }
                    return gate.open
                }
                if open { continuation.resume() }
            }
        }
        return response
    }
}
