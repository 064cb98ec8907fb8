import AsyncHTTPClient
import Foundation
import Logging
import PartnerCenterModels

/// The Partner Center REST client: customers, billing profiles and the audit feed, with
/// authentication, a shared rate limiter, bounded concurrency, retries and typed errors (all
/// in its `RetryingTransport`).
public final class PartnerCenterClient: Sendable {
    /// The configuration in use.
    public let configuration: PartnerCenterClientConfiguration
    let endpoint: Endpoint
    let transport: RetryingTransport

    /// The limiter shared by every request of this partner tenant.
    public var limiter: RequestRateLimiter { transport.limiter }
    var logger: Logger { transport.logger }

    /// Creates a client. Pass `limiter` to share one limiter between several clients of the same
    /// partner tenant; by default the client makes its own from `requestsPerMinute`.
    public convenience init(configuration: PartnerCenterClientConfiguration, httpClient: HTTPClient = .shared,
                            logger: Logger, limiter: RequestRateLimiter? = nil) {
        self.init(configuration: configuration, exchange: configuration.transport.exchange(over: httpClient),
                  clock: .continuous, logger: logger, limiter: limiter)
    }

    /// Creates a client over `exchange` (the wire below the transport: AsyncHTTPClient in
    /// production, a scripted or simulated wire in tests), every wait of its transport on `clock`.
    /// A shared `limiter` should run on the same clock.
    public init(configuration: PartnerCenterClientConfiguration, exchange: any HTTPExchange, clock: TransportClock,
                logger: Logger, limiter: RequestRateLimiter? = nil) {
        self.configuration = configuration
        endpoint = Endpoint(baseURL: configuration.baseURL)
        transport = RetryingTransport(settings: configuration.transport, exchange: exchange, clock: clock, logger: logger,
                                      limiter: limiter, dialect: Self.dialect(configuration))
    }

    /// An `HTTPClient` honouring the configured connect and read timeouts, that never follows
    /// redirects (so the bearer token stays with the configured host). Shut it down when done.
    public static func makeHTTPClient(configuration: PartnerCenterClientConfiguration) -> HTTPClient {
        configuration.transport.makeHTTPClient()
    }

    /// Obtains (and caches) an access token now; the daemon calls this before reporting ready.
    public func fetchAccessToken() async throws(PartnerCenterError) {
        _ = try await transport.tokens.token()
    }

    /// Counters and the last error, for health reporting.
    public var health: ClientHealthSnapshot {
        get async { await transport.healthSnapshot }
    }

    /// Partner Center's headers and names: `MS-RequestId`, `MS-CorrelationId`,
    /// `MS-PartnerCenter-Application` (when set), `billing_sync_http_requests_total{service="partner_center"}`.
    static func dialect(_ configuration: PartnerCenterClientConfiguration) -> TransportDialect {
        let application = configuration.applicationName
        return TransportDialect(
            serviceName: "Partner Center", metricsService: "partner_center",
            requestIDHeader: "MS-RequestId", correlationIDHeader: "MS-CorrelationId", requestIDLogKey: "request_id",
            fixedHeaders: application.isEmpty ? [] : [("MS-PartnerCenter-Application", application)])
    }
}
