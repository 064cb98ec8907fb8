import AsyncHTTPClient
import Foundation
import Logging
import PartnerCenterClient

/// The Azure Resource Manager client for billing customers (Microsoft Partner Agreement):
/// `Customers_Get`, `Customers_ListByBillingAccount` and `Customers_ListByBillingProfile`.
/// It shares Partner Center's `RetryingTransport` (token provider with the ARM scope, limiter,
/// permit pool, retry policy, `PartnerCenterError`) and adds tenant-read pacing. Read-only.
public final class AzureBillingClient: Sendable {
    /// The configuration in use.
    public let configuration: AzureBillingClientConfiguration
    let pacer: TenantReadPacer
    let endpoint: ARMEndpoint
    let transport: RetryingTransport

    /// The limiter every request passes; a 429 closes it for `Retry-After`.
    public var limiter: RequestRateLimiter { transport.limiter }
    var logger: Logger { transport.logger }

    /// Creates a client; pass `limiter` to share one between clients.
    public convenience init(configuration: AzureBillingClientConfiguration, httpClient: HTTPClient = .shared,
                            logger: Logger, limiter: RequestRateLimiter? = nil) {
        self.init(configuration: configuration, exchange: configuration.transport.exchange(over: httpClient),
                  clock: .continuous, logger: logger, limiter: limiter)
    }

    /// Creates a client over `exchange` (the wire below the transport), every wait of its
    /// transport and pacing on `clock`. A shared `limiter` should run on the same clock.
    public init(configuration: AzureBillingClientConfiguration, exchange: any HTTPExchange, clock: TransportClock,
                logger: Logger, limiter: RequestRateLimiter? = nil) {
        let pacer = TenantReadPacer(threshold: configuration.tenantReadsThreshold,
                                    window: configuration.tenantReadsWindow, maxSpacing: configuration.maxReadSpacing,
                                    clock: clock)
        self.configuration = configuration
        self.pacer = pacer
        endpoint = ARMEndpoint(baseURL: configuration.armBaseURL, apiVersion: configuration.apiVersion)
        transport = RetryingTransport(settings: configuration.transport, exchange: exchange, clock: clock, logger: logger,
                                      limiter: limiter, dialect: Self.dialect, hooks: Self.pacingHooks(pacer, logger: logger))
    }

    /// An `HTTPClient` with the configured timeouts that never follows redirects (so the bearer
    /// token stays with the ARM host). Shut it down when done.
    public static func makeHTTPClient(configuration: AzureBillingClientConfiguration) -> HTTPClient {
        configuration.transport.makeHTTPClient()
    }

    /// Counters and the last error, for health reporting.
    public var health: ClientHealthSnapshot {
        get async { await transport.healthSnapshot }
    }

    /// The gap currently kept between requests because few tenant reads remain (zero when not pacing).
    public var readSpacing: Duration {
        get async { await pacer.spacing }
    }
}
