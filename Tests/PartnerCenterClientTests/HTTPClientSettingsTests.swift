import AsyncHTTPClient
import PartnerCenterClient
import Testing

/// The `HTTPClient` every production client is built on (`TransportSettings.makeHTTPClient`).
@Suite struct HTTPClientSettingsTests {
    static func settings() -> TransportSettings {
        let credentials = ClientCredentials(
            tokenURL: "https://login.example.test/tenant/oauth2/v2.0/token", clientID: "app", tenantID: "tenant",
            grant: .clientCredentials(secret: "secret"), form: .v2(scope: "https://api.partnercenter.microsoft.com/.default"))
        return TransportSettings(credentials: credentials, requestsPerMinute: 500, maxConcurrency: 4,
                                 connectTimeout: .seconds(5), requestTimeout: .seconds(30),
                                 maxResponseBytes: 1 << 20, retry: RetryPolicy())
    }

    /// AsyncHTTPClient takes the process's global tracer by default (a no-op one when none is
    /// bootstrapped) and then builds a span and its attributes for every request; billing-sync
    /// exports no traces, so its clients carry no tracer at all.
    @Test("the HTTP client records no trace spans")
    func noTracer() async throws {
        let client = Self.settings().makeHTTPClient()
        #expect(client.tracer == nil)
        try await client.shutdown()
    }
}
