import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Rate limit and fault injection")
struct FaultInjectionTests {
    static func withFaults(_ faults: FaultSettings, customers: Int = 5,
                           _ body: (EmulatorHarness, String, CustomerID) async throws -> Void) async throws {
        try await EmulatorHarness.with(.test(customers: customers)) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            await h.emulator.state.setFaults(faults)
            try await body(h, token, id)
        }
    }

    @Test("the per-tenant rate limit answers 429 with Retry-After and the documented body")
    func rateLimit() async throws {
        var configuration = EmulatorConfiguration.test()
        configuration.rateLimitPerMinute = 3
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            for _ in 0..<3 { #expect(try await h.api(.GET, "/v1/customers", token: token).status == 200) }
            let limited = try await h.api(.GET, "/v1/customers", token: token)
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(retryAfter >= 1 && retryAfter <= 20)
            #expect(limited.json?[member: "statusCode"] == .integer(429))
            #expect(limited.json?[member: "message"] == .string("Rate limit is exceeded. Try again in \(retryAfter) seconds."))
            #expect(await h.emulator.state.requestCount(route: "GET /v1/customers", status: 429) == 1)
        }
    }

    @Test("a budget set at run time is enforced from then on, and lifted again")
    func rateLimitSetAtRunTime() async throws {
        try await EmulatorHarness.with(EmulatorConfiguration.test()) { h in
            let token = try await h.accessToken()
            for _ in 0..<5 { #expect(try await h.api(.GET, "/v1/customers", token: token).status == 200) }
            await h.emulator.state.setRateLimit(perMinute: 2)
            for _ in 0..<2 { #expect(try await h.api(.GET, "/v1/customers", token: token).status == 200) }
            #expect(try await h.api(.GET, "/v1/customers", token: token).status == 429)
            await h.emulator.state.setRateLimit(perMinute: nil)
            #expect(try await h.api(.GET, "/v1/customers", token: token).status == 200)
        }
    }

    @Test("500 and 503 rates of 1 answer those statuses with an error body")
    func serverErrors() async throws {
        try await Self.withFaults(.only(\.internalServerErrorRate)) { h, token, _ in
            let answer = try await h.api(.GET, "/v1/customers", token: token)
            #expect(answer.status == 500)
            #expect(answer.json?[member: "description"] != nil)
            await h.emulator.state.setFaults(.only(\.serviceUnavailableRate))
            #expect(try await h.api(.GET, "/v1/customers", token: token).status == 503)
            #expect(try await h.send(.GET, "/_emulator/stats").status == 200)
        }
    }

    @Test("a 429 storm throttles every call with the configured Retry-After")
    func storm() async throws {
        var faults = FaultSettings.only(\.tooManyRequestsRate)
        faults.tooManyRequestsRetryAfter = 7
        try await Self.withFaults(faults) { h, token, _ in
            for _ in 0..<3 {
                let answer = try await h.api(.GET, "/v1/customers", token: token)
                #expect(answer.status == 429)
                #expect(answer.headers.first(name: "Retry-After") == "7")
            }
        }
    }

    @Test("a connection reset fails the request without a response")
    func connectionReset() async throws {
        try await Self.withFaults(.only(\.connectionResetRate)) { h, token, _ in
            await #expect(throws: (any Error).self) { _ = try await h.api(.GET, "/v1/customers", token: token) }
            #expect(await h.emulator.state.requestCount(route: "GET /v1/customers", status: 0) == 1)
        }
    }

    @Test("truncated and malformed JSON bodies come with status 200 and do not parse")
    func damagedBodies() async throws {
        try await Self.withFaults(.only(\.truncatedJSONRate)) { h, token, id in
            let truncated = try await h.api(.GET, "/v1/customers/\(id.rawValue)/profiles/billing", token: token)
            #expect(truncated.status == 200)
            #expect(!truncated.text.isEmpty && truncated.json == nil)
            await h.emulator.state.setFaults(.only(\.malformedJSONRate))
            let malformed = try await h.api(.GET, "/v1/customers/\(id.rawValue)/profiles/billing", token: token)
            #expect(malformed.status == 200 && malformed.json == nil)
        }
    }

    @Test("latency and a slow body delay the answer but keep it intact")
    func slowness() async throws {
        var faults = FaultSettings()
        faults.latency = .milliseconds(150)
        faults.slowBodyChunkDelay = .milliseconds(20)
        faults.slowBodyChunkSize = 200
        try await Self.withFaults(faults) { h, token, id in
            let start = ContinuousClock.now
            let answer = try await h.api(.GET, "/v1/customers/\(id.rawValue)/profiles/billing", token: token)
            let elapsed = ContinuousClock.now - start
            #expect(answer.status == 200 && answer.json != nil)
            let chunks = (answer.text.utf8.count + 199) / 200
            #expect(elapsed >= .milliseconds(150 + 20 * (chunks - 1)))
        }
    }

    @Test("lostPutResponse applies the PUT but closes the connection before the response")
    func lostPutResponse() async throws {
        try await Self.withFaults(.only(\.lostPutResponseRate)) { h, token, id in
            let (profile, etag) = try await BillingProfileTests.fetch(h, id, token: token)
            var body = profile
            body.setValue(.string("Applied anyway"), atPath: "defaultAddress.city")
            await #expect(throws: (any Error).self) {
                _ = try await BillingProfileTests.put(h, id, token: token, etag: "\"\(etag)\"", body: body)
            }
            #expect(await h.emulator.state.writeLog().count == 1)
            #expect(await h.emulator.state.profile(id)?.value(atPath: "defaultAddress.city") == .string("Applied anyway"))
        }
    }

    @Test("the same fault seed gives the same sequence of outcomes")
    func deterministicFaults() async throws {
        var faults = FaultSettings.only(\.serviceUnavailableRate, 0.5)
        faults.seed = 11
        func statuses() async throws -> [Int] {
            var result: [Int] = []
            try await Self.withFaults(faults) { h, token, _ in
                for _ in 0..<12 { result.append(try await h.api(.GET, "/v1/customers", token: token).status) }
            }
            return result
        }
        let first = try await statuses()
        #expect(first == (try await statuses()))
        #expect(first.contains(503) && first.contains(200))
    }
}
