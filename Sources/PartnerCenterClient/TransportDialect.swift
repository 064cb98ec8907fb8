/// What differs between the REST APIs a `RetryingTransport` speaks: names in logs and metrics,
/// the request/correlation id headers, fixed headers, response headers worth logging, and how
/// strict the success body check is.
public struct TransportDialect: Sendable {
    /// The service name in log messages, e.g. `Partner Center` (→ "Partner Center call failed").
    public var serviceName: String
    /// The `service` label of this API's metrics (``HTTPMetricNames``), e.g. `partner_center`.
    public var metricsService: String
    /// The header carrying the per-call request id (the same for every attempt).
    public var requestIDHeader: String
    /// The header carrying the correlation id.
    public var correlationIDHeader: String
    /// The log metadata key of the request id.
    public var requestIDLogKey: String
    /// Headers sent with every request (after the id headers, before the request's own).
    public var fixedHeaders: [(name: String, value: String)]
    /// Response headers logged with every answered attempt, as `(header, metadata key)`.
    public var loggedResponseHeaders: [(header: String, key: String)]
    /// A response header whose value is appended to error messages as `[header value]`.
    public var serverRequestIDHeader: String?
    /// Whether a success body must be a JSON object (otherwise any JSON value is accepted).
    public var requiresJSONObject: Bool

    /// Creates a dialect.
    public init(serviceName: String, metricsService: String, requestIDHeader: String, correlationIDHeader: String,
                requestIDLogKey: String, fixedHeaders: [(name: String, value: String)] = [],
                loggedResponseHeaders: [(header: String, key: String)] = [], serverRequestIDHeader: String? = nil,
                requiresJSONObject: Bool = false) {
        self.serviceName = serviceName
        self.metricsService = metricsService
        self.requestIDHeader = requestIDHeader
        self.correlationIDHeader = correlationIDHeader
        self.requestIDLogKey = requestIDLogKey
        self.fixedHeaders = fixedHeaders
        self.loggedResponseHeaders = loggedResponseHeaders
        self.serverRequestIDHeader = serverRequestIDHeader
        self.requiresJSONObject = requiresJSONObject
    }
}
