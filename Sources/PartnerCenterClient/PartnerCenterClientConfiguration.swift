/// Everything a `PartnerCenterClient` needs: where to call, as whom, and how politely.
public struct PartnerCenterClientConfiguration: Sendable {
    /// The REST base URL, e.g. `https://api.partnercenter.microsoft.com` (a trailing `/` or `/v1` is tolerated).
    public var baseURL: String
    /// Token endpoint and secrets.
    public var credentials: ClientCredentials
    /// Sent as `MS-PartnerCenter-Application`.
    public var applicationName: String
    /// The shared limit per partner tenant; nil or 0 turns the limiter off.
    public var requestsPerMinute: Int?
    /// Requests in flight at once.
    public var maxConcurrency: Int
    /// TCP connect timeout (applied by clients made with `PartnerCenterClient.makeHTTPClient`).
    public var connectTimeout: Duration
    /// Deadline for one whole attempt: sending, the response head and the complete body.
    public var requestTimeout: Duration
    /// Largest response body accepted; bigger bodies fail as `invalidResponse`.
    public var maxResponseBytes: Int
    /// Retries of transient failures.
    public var retry: RetryPolicy

    /// Creates a configuration with the documented defaults (500 requests/minute).
    public init(baseURL: String, credentials: ClientCredentials, applicationName: String = "billing-sync",
                requestsPerMinute: Int? = 500, maxConcurrency: Int = 8,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                maxResponseBytes: Int = 16 * 1024 * 1024, retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.applicationName = applicationName
        self.requestsPerMinute = requestsPerMinute
        self.maxConcurrency = maxConcurrency
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
    }
}
