import PartnerCenterClient

/// Everything an `AzureBillingClient` needs: the ARM endpoint, the API version, who calls
/// (the same app registration as Partner Center, with the ARM scope) and how politely. The
/// transport settings (`credentials`, `requestsPerMinute`, `maxConcurrency`, `connectTimeout`,
/// `requestTimeout`, `maxResponseBytes`, `retry`) read and write through as if stored here.
@dynamicMemberLookup
public struct AzureBillingClientConfiguration: Sendable {
    /// The ARM base URL, e.g. `https://management.azure.com` (a trailing `/` is tolerated).
    public var armBaseURL: String
    /// The `api-version` query parameter (default `2020-05-01`).
    public var apiVersion: String
    /// Token endpoint (the form carries the ARM scope `https://management.azure.com/.default`),
    /// limits, timeouts and retries (429 and 503 wait `Retry-After` when given).
    public var transport: TransportSettings
    /// When `x-ms-ratelimit-remaining-tenant-reads` drops below this, requests are spread out.
    public var tenantReadsThreshold: Int
    /// The window the remaining reads must last (ARM's legacy budget is per hour).
    public var tenantReadsWindow: Duration
    /// The longest gap the pacing puts between two requests.
    public var maxReadSpacing: Duration

    /// ARM's retry policy: a `Retry-After` is obeyed in full, up to an hour. ARM's tenant read
    /// budget is hourly, and when it is spent ARM asks for the rest of the hour; a client that came
    /// back sooner (Partner Center's 120-second cap) only met more 429s, gave up, and the Azure pass
    /// started again from its first page, so with a small budget no pass ever completed (simulation
    /// seed 2376). Waiting stalls nothing else: the ARM client has its own limiter. A call keeps
    /// waiting out 429s for up to two hours before it fails.
    public static let defaultRetry = RetryPolicy(maxRetryAfter: .seconds(3_600), rateLimitPatience: .seconds(7_200))

    /// Creates a configuration with ARM's defaults.
    public init(armBaseURL: String = "https://management.azure.com", apiVersion: String = "2020-05-01",
                credentials: ClientCredentials, requestsPerMinute: Int? = 600, maxConcurrency: Int = 4,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                maxResponseBytes: Int = 16 * 1024 * 1024, retry: RetryPolicy = Self.defaultRetry,
                tenantReadsThreshold: Int = 100, tenantReadsWindow: Duration = .seconds(3_600),
                maxReadSpacing: Duration = .seconds(60)) {
        self.armBaseURL = armBaseURL
        self.apiVersion = apiVersion
        transport = TransportSettings(credentials: credentials, requestsPerMinute: requestsPerMinute,
                                      maxConcurrency: maxConcurrency, connectTimeout: connectTimeout,
                                      requestTimeout: requestTimeout, maxResponseBytes: maxResponseBytes, retry: retry)
        self.tenantReadsThreshold = tenantReadsThreshold
        self.tenantReadsWindow = tenantReadsWindow
        self.maxReadSpacing = maxReadSpacing
    }

    /// A transport setting, e.g. `configuration.maxConcurrency`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<TransportSettings, Value>) -> Value {
        get { transport[keyPath: keyPath] }
        set { transport[keyPath: keyPath] = newValue }
    }
}
