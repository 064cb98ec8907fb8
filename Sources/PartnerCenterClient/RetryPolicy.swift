/// How transient failures are retried: exponential backoff with full jitter, capped, and the
/// server's `Retry-After` honoured whenever it is given.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts per logical call, the first included (1 = no retry).
    public var maxAttempts: Int
    /// The backoff ceiling before the first retry.
    public var initialBackoff: Duration
    /// The largest backoff ceiling.
    public var maxBackoff: Duration
    /// The longest `Retry-After` obeyed: a service asking for more (an hour, say) is waited on for
    /// this long and then tried again, so one answer cannot stall pushes and reads for hours.
    public var maxRetryAfter: Duration
    /// How long one call keeps waiting out 429s before it fails. A 429 means "not processed, not
    /// now": the tenant's budget is shared with the partner's other tools, so throttling the
    /// client did not cause is normal and spends none of `maxAttempts`.
    public var rateLimitPatience: Duration

    /// Creates a policy.
    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(30),
                maxRetryAfter: Duration = .seconds(120), rateLimitPatience: Duration = .seconds(900)) {
        self.rateLimitPatience = max(rateLimitPatience, .zero)
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = max(maxRetryAfter, .zero)
    }

    /// `retryAfter` limited to `0 ... maxRetryAfter`.
    public func capped(_ retryAfter: Duration) -> Duration {
        min(max(retryAfter, .zero), maxRetryAfter)
    }

    /// The backoff between retries: `initialBackoff` doubling up to `maxBackoff`, full jitter.
    public var backoff: Backoff { Backoff(initial: initialBackoff, maximum: maxBackoff) }

    /// The ceiling before retry number `retry` (1-based): `initialBackoff · 2^(retry−1)`, capped.
    public func backoffCeiling(retry: Int) -> Duration {
        backoff.ceiling(attempt: retry - 1)
    }

    /// The wait before retry number `retry`: `retryAfter` when the server sent one, otherwise a
    /// uniformly random duration in `0 ... backoffCeiling(retry:)` ("full jitter").
    public func delay(retry: Int, retryAfter: Duration?,
                      using generator: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter { return capped(retryAfter) }
        return backoff.delay(attempt: retry - 1, using: &generator)
    }

    /// `delay(retry:retryAfter:using:)` with the system generator.
    public func delay(retry: Int, retryAfter: Duration?) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(retry: retry, retryAfter: retryAfter, using: &generator)
    }
}
