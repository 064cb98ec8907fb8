import PartnerCenterClient

/// Everything an `AzureBillingClient` needs: the ARM endpoint, the API version, who calls
/// (the same app registration as Partner Center, with the ARM scope) and how politely.
public struct AzureBillingClientConfiguration: Sendable {
    /// The ARM base URL, e.g. `https://management.azure.com` (a trailing `/` is tolerated).
    public var armBaseURL: String
    /// The `api-version` query parameter (default `2020-05-01`).
    public var apiVersion: String
    /// Token endpoint and secrets; the form carries the ARM scope (`https://management.azure.com/.default`).
    public var credentials: ClientCredentials
    /// Client-side limit in requests per minute; nil or 0 turns the bucket off (a 429 still pauses).
    public var requestsPerMinute: Int?
    /// Requests in flight at once.
    public var maxConcurrency: Int
    /// TCP connect timeout (applied by clients made with `AzureBillingClient.makeHTTPClient`).
    public var connectTimeout: Duration
    /// Deadline for one whole attempt.
    public var requestTimeout: Duration
    /// Largest response body accepted.
    public var maxResponseBytes: Int
    /// Retries of transient failures (429 and 503 wait `Retry-After` when given).
    public var retry: RetryPolicy
    /// When `x-ms-ratelimit-remaining-tenant-reads` drops below this, requests are spread out.
    public var tenantReadsThreshold: Int
    /// The window the remaining reads must last (ARM's legacy budget is per hour).
    public var tenantReadsWindow: Duration
    /// The longest gap the pacing puts between two requests.
    public var maxReadSpacing: Duration

    /// Creates a configuration with ARM's defaults.
    public init(armBaseURL: String = "https://management.azure.com", apiVersion: String = "2020-05-01",
                credentials: ClientCredentials, requestsPerMinute: Int? = 600, maxConcurrency: Int = 4,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                maxResponseBytes: Int = 16 * 1024 * 1024, retry: RetryPolicy = RetryPolicy(),
                tenantReadsThreshold: Int = 100, tenantReadsWindow: Duration = .seconds(3_600),
                maxReadSpacing: Duration = .seconds(60)) {
        self.armBaseURL = armBaseURL
        self.apiVersion = apiVersion
        self.credentials = credentials
        self.requestsPerMinute = requestsPerMinute
        self.maxConcurrency = maxConcurrency
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.tenantReadsThreshold = tenantReadsThreshold
        self.tenantReadsWindow = tenantReadsWindow
        self.maxReadSpacing = maxReadSpacing
    }
}
