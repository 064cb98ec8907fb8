import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PartnerCenterModels

/// The Partner Center REST client: customers, billing profiles and the audit feed, with
/// authentication, a shared rate limiter, bounded concurrency, retries and typed errors.
public final class PartnerCenterClient: Sendable {
    /// The configuration in use.
    public let configuration: PartnerCenterClientConfiguration
    /// The limiter shared by every request of this partner tenant.
    public let limiter: RequestRateLimiter
    let logger: Logger
    let endpoint: Endpoint
    let exchange: HTTPExchange
    let permits: PermitPool
    let tokens: TokenProvider
    let healthState = ClientHealth()

    /// Creates a client. Pass `limiter` to share one limiter between several clients of the same
    /// partner tenant; by default the client makes its own from `requestsPerMinute`.
    public init(configuration: PartnerCenterClientConfiguration, httpClient: HTTPClient = .shared,
                logger: Logger, limiter: RequestRateLimiter? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.endpoint = Endpoint(baseURL: configuration.baseURL)
        self.exchange = HTTPExchange(httpClient: httpClient, timeout: configuration.requestTimeout,
                                     maxResponseBytes: configuration.maxResponseBytes)
        self.permits = PermitPool(permits: configuration.maxConcurrency)
        self.limiter = limiter ?? RequestRateLimiter(requestsPerMinute: configuration.requestsPerMinute)
        self.tokens = TokenProvider(credentials: configuration.credentials, exchange: exchange,
                                    retry: configuration.retry, logger: logger)
    }

    /// An `HTTPClient` honouring the configured connect and read timeouts, that never follows
    /// redirects (so the bearer token stays with the configured host). Shut it down when done.
    public static func makeHTTPClient(configuration: PartnerCenterClientConfiguration) -> HTTPClient {
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(configuration.connectTimeout.nanosecondsClamped),
            read: .nanoseconds(configuration.requestTimeout.nanosecondsClamped))
        let httpConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Obtains (and caches) an access token now; the daemon calls this before reporting ready.
    public func fetchAccessToken() async throws(PartnerCenterError) {
        _ = try await tokens.token()
    }

    /// Counters and the last error, for health reporting.
    public var health: ClientHealthSnapshot {
        get async {
            await healthState.current(tokenRefreshCount: tokens.refreshCount)
        }
    }
}
