import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOHTTP1
import PartnerCenterModels

/// The request machinery shared by the REST clients: one HTTP exchange, token provider, permit
/// pool, rate limiter, retry policy, logger and health counters, and a single `send` that runs a
/// logical call with retries. What differs between APIs comes in as a `TransportDialect` and
/// `TransportHooks`.
public struct RetryingTransport: Sendable {
    /// Performs single attempts (the wire).
    public let exchange: any HTTPExchange
    /// Times every wait: back-off, rate-limit patience, the limiter, token refresh.
    public let clock: TransportClock
    /// Obtains and caches the access tokens.
    public let tokens: TokenProvider
    /// Bounds the requests in flight.
    public let permits: PermitPool
    /// The limiter every request passes; a 429 closes it for `Retry-After`.
    public let limiter: RequestRateLimiter
    /// How transient failures are retried.
    public let retry: RetryPolicy
    /// Where attempts, retries and failures are logged.
    public let logger: Logger
    /// The counters behind `healthSnapshot`.
    public let health: ClientHealth
    /// Names, headers and checks of the API spoken.
    public let dialect: TransportDialect
    /// Extra per-attempt steps.
    public let hooks: TransportHooks

    /// Creates the machinery from `settings` over AsyncHTTPClient on the continuous clock. Pass
    /// `limiter` to share one limiter between several clients; by default a new one is made from
    /// `requestsPerMinute`.
    public init(settings: TransportSettings, httpClient: HTTPClient, logger: Logger, limiter: RequestRateLimiter?,
                dialect: TransportDialect, hooks: TransportHooks = TransportHooks()) {
        self.init(settings: settings, exchange: settings.exchange(over: httpClient), clock: .continuous, logger: logger,
                  limiter: limiter, dialect: dialect, hooks: hooks)
    }

    /// Creates the machinery from `settings` over `exchange`, every wait on `clock` (a shared
    /// `limiter` should run on the same clock).
    public init(settings: TransportSettings, exchange: any HTTPExchange, clock: TransportClock, logger: Logger,
                limiter: RequestRateLimiter?, dialect: TransportDialect, hooks: TransportHooks = TransportHooks()) {
        self.exchange = exchange
        self.clock = clock
        tokens = TokenProvider(credentials: settings.credentials, exchange: exchange, retry: settings.retry, logger: logger,
                               clock: clock, metricsService: dialect.metricsService)
        permits = PermitPool(permits: settings.maxConcurrency, executor: clock.executor)
        self.limiter = limiter ?? RequestRateLimiter(requestsPerMinute: settings.requestsPerMinute, clock: clock)
        retry = settings.retry
        self.logger = logger
        health = ClientHealth()
        self.dialect = dialect
        self.hooks = hooks
    }

    /// Counters and the last error, with the token provider's refresh count.
    public var healthSnapshot: ClientHealthSnapshot {
        get async { await health.current(tokenRefreshCount: tokens.refreshCount) }
    }

    /// Sends one logical call with retries. The same request id is used for every attempt of the
    /// call; transient failures back off with full jitter (or wait `Retry-After`); a 429 closes
    /// the shared limiter for everyone; a 401 triggers one token refresh. Ids not given are drawn
    /// from the clock's randomness (`TransportClock.uuid()`).
    public func send(_ request: APIRequest, requestID: UUID? = nil,
                     correlationID: UUID? = nil) async throws(PartnerCenterError) -> APIResponse {
        let ids = TransportIDs(request: (requestID ?? clock.uuid()).lowercaseText,
                               correlation: (correlationID ?? clock.uuid()).lowercaseText)
        var attempt = 1
        var refreshedToken = false
        var throttledSince: Duration?
        // The first attempt of a write that failed after it may have reached the service.
        var inDoubt: PartnerCenterError?
        while true {
            do {
                let response = try await attemptOnce(request, ids: ids, attempt: attempt)
                await health.recordSuccess()
                return response
            } catch {
                await health.recordFailure(error)
                var failure = error
                if inDoubt == nil, failure.mayHaveBeenApplied, Self.writes.contains(request.method) { inDoubt = failure }
                if failure.kind == .unauthorized {
                    if !refreshedToken {
                        refreshedToken = true
                        continue
                    }
                    failure.kind = .credential
                    failure.message = "access denied with a freshly obtained token: \(failure.message)"
                }
                if failure.kind == .rateLimited {
                    // Not processed: wait for the budget (the limiter is closed until Retry-After)
                    // without spending an attempt, for as long as the policy's patience lasts.
                    let since = throttledSince ?? clock.elapsed()
                    throttledSince = since
                    guard clock.elapsed() - since < retry.rateLimitPatience, !Task.isCancelled else {
                        throw Self.outcome(failure, inDoubt: inDoubt)
                    }
                    Counter(label: HTTPMetricNames.retriesTotal, dimensions: [("service", dialect.metricsService)]).increment()
                    logger.debug("\(dialect.serviceName) call throttled, waiting for the budget", metadata: [
                        "route": "\(request.route)", "waiting_s": "\((clock.elapsed() - since).secondsText)",
                    ])
                    continue
                }
                guard failure.isRetryable, attempt < retry.maxAttempts, !Task.isCancelled else {
                    throw Self.outcome(failure, inDoubt: inDoubt)
                }
                let delay = clock.delay(retry, retry: attempt, retryAfter: failure.retryAfter)
                Counter(label: HTTPMetricNames.retriesTotal, dimensions: [("service", dialect.metricsService)]).increment()
                logger.warning("\(dialect.serviceName) call failed, retrying", metadata: [
                    "route": "\(request.route)", "error": "\(failure)", "attempt": "\(attempt)",
                    "retry_in_s": "\(delay.secondsText)",
                ])
                do {
                    try await clock.sleep(for: delay)
                } catch {
                    throw .cancelled(requestID: ids.request, correlationID: ids.correlation)
                }
                attempt += 1
            }
        }
    }
}

extension RetryingTransport {
    /// Methods whose attempt changes the service's state.
    static let writes: [HTTPMethod] = [.PUT, .PATCH, .DELETE]

    /// What a write's call reports when its last attempt failed: once an earlier attempt may have
    /// been applied (its answer never came), a later refusal (a 403, a 412 against the write's own
    /// effect, a 404) does not say the write did not happen, so the call stays in doubt: the
    /// earlier transient error, naming the later answer. The caller then treats the write as it
    /// treats any in-doubt one (re-read, resend with the same request id).
    static func outcome(_ failure: PartnerCenterError, inDoubt: PartnerCenterError?) -> PartnerCenterError {
        guard var doubt = inDoubt, !failure.mayHaveBeenApplied, failure.kind != .cancelled else { return failure }
        doubt.message = "an earlier attempt may have been applied (\(doubt.message)); the last attempt was answered: "
            + "\(failure.kind.rawValue)\(failure.status.map { " HTTP \($0)" } ?? ""): \(failure.message)"
        return doubt
    }
}

extension PartnerCenterError {
    /// A transport failure without an answer: the request may have reached the service.
    var mayHaveBeenApplied: Bool { kind == .transient && status == nil }
}

/// The ids of one logical call, lowercased as sent.
struct TransportIDs: Sendable {
    let request: String
    let correlation: String
}
