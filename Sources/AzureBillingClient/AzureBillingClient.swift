import AsyncHTTPClient
import Foundation
import Logging
import PartnerCenterClient

/// The Azure Resource Manager client for billing customers (Microsoft Partner Agreement):
/// `Customers_Get`, `Customers_ListByBillingAccount` and `Customers_ListByBillingProfile`.
/// It shares Partner Center's machinery: token provider (with the ARM scope), limiter, permit
/// pool, retry policy and `PartnerCenterError`. Read-only.
public final class AzureBillingClient: Sendable {
    /// The configuration in use.
    public let configuration: AzureBillingClientConfiguration
    /// The limiter every request passes; a 429 closes it for `Retry-After`.
    public let limiter: RequestRateLimiter
    let logger: Logger
    let endpoint: ARMEndpoint
    let exchange: HTTPExchange
    let permits: PermitPool
    let tokens: TokenProvider
    let pacer: TenantReadPacer
    let healthState = ClientHealth()

    /// Creates a client; pass `limiter` to share one between clients.
    public init(configuration: AzureBillingClientConfiguration, httpClient: HTTPClient = .shared,
                logger: Logger, limiter: RequestRateLimiter? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.endpoint = ARMEndpoint(baseURL: configuration.armBaseURL, apiVersion: configuration.apiVersion)
        self.exchange = HTTPExchange(httpClient: httpClient, timeout: configuration.requestTimeout,
                                     maxResponseBytes: configuration.maxResponseBytes)
        self.permits = PermitPool(permits: configuration.maxConcurrency)
        self.limiter = limiter ?? RequestRateLimiter(requestsPerMinute: configuration.requestsPerMinute)
        self.tokens = TokenProvider(credentials: configuration.credentials, exchange: exchange,
                                    retry: configuration.retry, logger: logger)
        self.pacer = TenantReadPacer(threshold: configuration.tenantReadsThreshold,
                                     window: configuration.tenantReadsWindow, maxSpacing: configuration.maxReadSpacing)
    }

    /// An `HTTPClient` with the configured timeouts that never follows redirects (so the bearer
    /// token stays with the ARM host). Shut it down when done.
    public static func makeHTTPClient(configuration: AzureBillingClientConfiguration) -> HTTPClient {
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(configuration.connectTimeout.nanosecondsClamped),
            read: .nanoseconds(configuration.requestTimeout.nanosecondsClamped))
        let httpConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Counters and the last error, for health reporting.
    public var health: ClientHealthSnapshot {
        get async { await healthState.current(tokenRefreshCount: tokens.refreshCount) }
    }

    /// The gap currently kept between requests because few tenant reads remain (zero when not pacing).
    public var readSpacing: Duration {
        get async { await pacer.spacing }
    }
}
