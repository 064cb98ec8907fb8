/// Everything a `PartnerCenterClient` needs: where to call, as whom, and how politely. The
/// transport settings (`credentials`, `requestsPerMinute`, `maxConcurrency`, `connectTimeout`,
/// `requestTimeout`, `maxResponseBytes`, `retry`) read and write through as if stored here.
@dynamicMemberLookup
public struct PartnerCenterClientConfiguration: Sendable {
    /// The REST base URL, e.g. `https://api.partnercenter.microsoft.com` (a trailing `/` or `/v1` is tolerated).
    public var baseURL: String
    /// Sent as `MS-PartnerCenter-Application`.
    public var applicationName: String
    /// Token endpoint, limits, timeouts and retries; `requestsPerMinute` is the shared limit per
    /// partner tenant (nil or 0 turns the limiter off).
    public var transport: TransportSettings

    /// Creates a configuration with the documented defaults (500 requests/minute).
    public init(baseURL: String, credentials: ClientCredentials, applicationName: String = "billing-sync",
                requestsPerMinute: Int? = 500, maxConcurrency: Int = 8,
                connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                maxResponseBytes: Int = 16 * 1024 * 1024, retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.applicationName = applicationName
        transport = TransportSettings(credentials: credentials, requestsPerMinute: requestsPerMinute,
                                      maxConcurrency: maxConcurrency, connectTimeout: connectTimeout,
                                      requestTimeout: requestTimeout, maxResponseBytes: maxResponseBytes, retry: retry)
    }

    /// A transport setting, e.g. `configuration.maxConcurrency`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<TransportSettings, Value>) -> Value {
        get { transport[keyPath: keyPath] }
        set { transport[keyPath: keyPath] = newValue }
    }
}
