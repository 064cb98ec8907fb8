/// Extra steps a client adds to every attempt of a `RetryingTransport`, e.g. pacing.
public struct TransportHooks: Sendable {
    /// Runs before the rate limiter, the permit and the token.
    public var beforeAttempt: @Sendable () async throws(PartnerCenterError) -> Void
    /// Sees every response that arrived (any status), before it is interpreted.
    public var afterResponse: @Sendable (RawResponse) async -> Void

    /// Creates hooks; both default to doing nothing.
    public init(beforeAttempt: @escaping @Sendable () async throws(PartnerCenterError) -> Void = {},
                afterResponse: @escaping @Sendable (RawResponse) async -> Void = { _ in }) {
        self.beforeAttempt = beforeAttempt
        self.afterResponse = afterResponse
    }
}
