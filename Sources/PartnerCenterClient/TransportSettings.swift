import AsyncHTTPClient

/// How a REST client built on `RetryingTransport` talks to its service: who it is, how many
/// requests it may send and how patiently. Shared by the Partner Center and ARM configurations.
public struct TransportSettings: Sendable {
    /// Token endpoint and secrets (the form carries the API's scope or resource).
    public var credentials: ClientCredentials
    /// Client-side limit in requests per minute; nil or 0 turns the bucket off (a 429 still pauses).
    public var requestsPerMinute: Int?
    /// Requests in flight at once.
    public var maxConcurrency: Int
    /// TCP connect timeout (applied by clients made with `makeHTTPClient()`).
    public var connectTimeout: Duration
    /// Deadline for one whole attempt: sending, the response head and the complete body.
    public var requestTimeout: Duration
    /// Largest response body accepted; bigger bodies fail as `invalidResponse`.
    public var maxResponseBytes: Int
    /// Retries of transient failures (`Retry-After` is waited when given).
    public var retry: RetryPolicy

    /// Creates settings.
    public init(credentials: ClientCredentials, requestsPerMinute: Int?, maxConcurrency: Int,
                connectTimeout: Duration, requestTimeout: Duration, maxResponseBytes: Int, retry: RetryPolicy) {
        self.credentials = credentials
        self.requestsPerMinute = requestsPerMinute
        self.maxConcurrency = maxConcurrency
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
    }

    /// An `HTTPClient` honouring the connect and read timeouts, that never follows redirects (so
    /// the bearer token stays with the configured host) and records no trace spans. Shut it down when done.
    public func makeHTTPClient() -> HTTPClient {
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(connectTimeout.nanosecondsClamped),
            read: .nanoseconds(requestTimeout.nanosecondsClamped))
        var httpConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: timeout)
        // billing-sync exports no traces: without a tracer AsyncHTTPClient skips building a span
        // and its attributes for every request (by default it takes the global, no-op, one).
        httpConfiguration.tracing.tracer = nil
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// The production exchange over `httpClient` with these settings' deadline and body cap.
    public func exchange(over httpClient: HTTPClient) -> AsyncHTTPClientExchange {
        AsyncHTTPClientExchange(httpClient: httpClient, timeout: requestTimeout, maxResponseBytes: maxResponseBytes)
    }
}
