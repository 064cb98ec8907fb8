import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Token endpoints")
struct TokenEndpointTests {
    @Test("v2 client credentials returns a Bearer token usable on the API")
    func v2ClientCredentials() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let c = h.emulator.configuration.credentials
            let answer = try await h.tokenRequest(h.emulator.tokenURL, [
                ("client_id", c.clientID), ("client_secret", c.clientSecret),
                ("scope", "https://api.partnercenter.microsoft.com/.default"), ("grant_type", "client_credentials"),
            ])
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect(json[member: "token_type"] == .string("Bearer"))
            #expect(json[member: "expires_in"] == .integer(3599))
            let token = try #require(json[member: "access_token"]?.stringValue)
            let list = try await h.api(.GET, "/v1/customers?size=1", token: token)
            #expect(list.status == 200)
            #expect(await h.emulator.state.tokenRequestCount() == 1)
        }
    }

    @Test("v1 refresh token grant returns string expires_in and expires_on")
    func v1RefreshToken() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let c = h.emulator.configuration.credentials
            let answer = try await h.tokenRequest(h.emulator.tokenURLv1, [
                ("resource", "https://api.partnercenter.microsoft.com"), ("client_id", c.clientID),
                ("client_secret", c.clientSecret), ("grant_type", "refresh_token"), ("refresh_token", c.refreshToken),
            ])
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect(json[member: "expires_in"] == .string("3600"))
            #expect(json[member: "expires_on"]?.stringValue.flatMap(Int.init) != nil)
            #expect(json[member: "resource"] == .string("https://api.partnercenter.microsoft.com"))
        }
    }

    @Test("a wrong client secret is 401 invalid_client AADSTS7000215")
    func badSecret() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let answer = try await h.tokenRequest(h.emulator.tokenURL, [
                ("client_id", h.emulator.configuration.credentials.clientID), ("client_secret", "wrong"),
                ("scope", "x/.default"), ("grant_type", "client_credentials"),
            ])
            #expect(answer.status == 401)
            let json = try #require(answer.json)
            #expect(json[member: "error"] == .string("invalid_client"))
            #expect(json[member: "error_codes"] == .array([.integer(7000215)]))
            #expect(json[member: "error_description"]?.stringValue?.hasPrefix("AADSTS7000215:") == true)
            #expect(json[member: "trace_id"] != nil && json[member: "correlation_id"] != nil)
            #expect(!answer.text.contains("wrong"))
        }
    }

    @Test("a revoked or unknown refresh token is 400 invalid_grant")
    func revokedRefreshToken() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let c = h.emulator.configuration.credentials
            func refresh(_ token: String) async throws -> EmulatorHarness.Answer {
                try await h.tokenRequest(h.emulator.tokenURL, [
                    ("client_id", c.clientID), ("client_secret", c.clientSecret), ("scope", "x/.default"),
                    ("grant_type", "refresh_token"), ("refresh_token", token),
                ])
            }
            let unknown = try await refresh("not-the-token")
            #expect(unknown.status == 400)
            #expect(unknown.json?[member: "error"] == .string("invalid_grant"))
            #expect(unknown.json?[member: "error_codes"] == .array([.integer(70008)]))
            await h.emulator.state.revokeRefreshToken()
            let revoked = try await refresh(c.refreshToken)
            #expect(revoked.status == 400)
            #expect(revoked.json?[member: "error_codes"] == .array([.integer(700082)]))
        }
    }

    @Test("API calls without, with an unknown or with an expired token are 401 with WWW-Authenticate")
    func unauthorized() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let missing = try await h.send(.GET, "/v1/customers?size=5")
            #expect(missing.status == 401)
            #expect(missing.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            #expect(missing.json?[member: "code"] == .integer(800001))
            #expect(missing.json?[member: "source"] == .string("PartnerFD"))
            let unknown = try await h.api(.GET, "/v1/customers", token: "made-up")
            #expect(unknown.status == 401)
            let token = try await h.accessToken()
            await h.emulator.state.expireAllTokens()
            let expired = try await h.api(.GET, "/v1/customers", token: token)
            #expect(expired.status == 401)
            #expect(expired.json?[member: "description"]?.stringValue?.contains("expired") == true)
        }
    }

    @Test("a short token lifetime expires tokens on its own")
    func lifetime() async throws {
        var configuration = EmulatorConfiguration.test()
        configuration.accessTokenLifetime = .milliseconds(1500)
        try await EmulatorHarness.with(configuration) { h in
            // The token expires 1.5 s after it was issued: between these two instants.
            let requested = ContinuousClock.now
            let token = try await h.accessToken()
            let received = ContinuousClock.now
            let first = try await h.api(.GET, "/v1/customers", token: token).status
            // A machine stalled past the lifetime (the whole suite on 2 cores) may already see it expired.
            if ContinuousClock.now - requested < .milliseconds(1500) {
                #expect(first == 200)
            }
            try await Task.sleep(until: received + .milliseconds(1800))
            #expect(try await h.api(.GET, "/v1/customers", token: token).status == 401)
        }
    }

    @Test("forbid(true) answers 403 code 2032")
    func forbidden() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            await h.emulator.state.forbid(true)
            let answer = try await h.api(.GET, "/v1/customers", token: token)
            #expect(answer.status == 403)
            #expect(answer.json?[member: "code"] == .integer(2032))
        }
    }
}
