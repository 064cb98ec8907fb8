import Metrics

/// Names and labels of the HTTP metrics the transports record (Prometheus naming, one
/// `billing_sync_` prefix). The daemon's `MetricNames` lists them with the rest.
public enum HTTPMetricNames {
    /// Counter of HTTP attempts, labels `service`, `route` (template) and `status` (code or `error`).
    public static let requestsTotal = "billing_sync_http_requests_total"
    /// Histogram (seconds) of attempt latency, labels `service`, `route` and `status_class` (`2xx` … `5xx`, `error`).
    public static let requestDurationSeconds = "billing_sync_http_request_duration_seconds"
    /// Counter of retried attempts, label `service`.
    public static let retriesTotal = "billing_sync_http_retries_total"
    /// Counter of HTTP 429 answers, label `service`.
    public static let rateLimitedTotal = "billing_sync_http_rate_limited_total"
    /// Histogram (seconds) of waits in the shared rate limiter (its `_count` is the number of waits).
    public static let rateLimitWaitSeconds = "billing_sync_rate_limit_wait_seconds"
    /// Gauge: requests the shared token bucket would let through now (rate-limit headroom).
    public static let rateLimiterTokens = "billing_sync_rate_limiter_tokens"
    /// Gauge: Unix time at which the current access token expires, label `service`.
    public static let accessTokenExpiryTimestampSeconds = "billing_sync_access_token_expiry_timestamp_seconds"

    /// The `service` label of token endpoint requests.
    public static let tokenService = "token"
    /// The `route` label of token endpoint requests.
    public static let tokenRoute = "/oauth2/token"

    /// `2xx`, `3xx`, `4xx`, `5xx`, or `error` when no response arrived.
    public static func statusClass(_ status: Int?) -> String {
        guard let status, (100..<600).contains(status) else { return "error" }
        return "\(status / 100)xx"
    }

    /// Records one attempt: the request counter and the latency histogram.
    static func recordAttempt(service: String, route: String, status: Int?, duration: Duration) {
        Counter(label: requestsTotal, dimensions: [("service", service), ("route", route),
                                                   ("status", status.map(String.init) ?? "error")]).increment()
        Metrics.Timer(label: requestDurationSeconds,
                      dimensions: [("service", service), ("route", route), ("status_class", statusClass(status))],
                      preferredDisplayUnit: .seconds).recordNanoseconds(duration.nanosecondsClamped)
        if status == 429 { Counter(label: rateLimitedTotal, dimensions: [("service", service)]).increment() }
    }
}
