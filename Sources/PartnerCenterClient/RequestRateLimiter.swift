import Metrics

/// A token bucket shared by every request to one partner tenant (default 500 requests/minute,
/// the documented Customer-resource limit). A 429 closes it for everyone until the
/// `Retry-After` has passed (`pause(for:)`), so all workers stop, not just the one throttled.
public actor RequestRateLimiter {
    /// Requests per second; nil when limiting is off.
    private let ratePerSecond: Double?
    private let capacity: Double
    private var tokens: Double
    private var lastRefill: Duration
    private var pausedUntil: Duration = .zero
    private let now: @Sendable () -> Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let waitTimer = Metrics.Timer(label: HTTPMetricNames.rateLimitWaitSeconds, preferredDisplayUnit: .seconds)
    private let headroom = Gauge(label: HTTPMetricNames.rateLimiterTokens)

    /// Creates a limiter. `requestsPerMinute` nil or ≤ 0 turns the bucket off (a pause still
    /// applies). `burst` is the bucket size (default: a tenth of a minute's budget, at least 1).
    public init<C: Clock>(requestsPerMinute: Int?, burst: Int? = nil, clock: C = ContinuousClock())
    where C.Duration == Duration {
        let start = clock.now
        now = { start.duration(to: clock.now) }
        sleep = { try await clock.sleep(for: $0) }
        if let requestsPerMinute, requestsPerMinute > 0 {
            ratePerSecond = Double(requestsPerMinute) / 60
            capacity = Double(max(1, burst ?? requestsPerMinute / 10))
        } else {
            ratePerSecond = nil
            capacity = 1
        }
        tokens = capacity
        lastRefill = .zero
    }

    /// Waits until a request may be sent (the limiter is open and a token is available) and
    /// takes the token. Throws `.cancelled` if the task is cancelled while waiting.
    ///
    /// A caller that finds the bucket empty reserves the next token (the count goes below zero by
    /// the callers queued ahead of it) and sleeps once, exactly until that token is earned: one
    /// wake-up per request however many workers wait, instead of all of them waking for each token.
    public func acquire() async throws(PartnerCenterError) {
        let started = now()
        defer {
            let waited = now() - started
            if waited > .zero { waitTimer.recordNanoseconds(waited.nanosecondsClamped) }
        }
        while true {
            guard !Task.isCancelled else { throw .cancelled() }
            let current = now()
            if pausedUntil > current {
                try await wait(pausedUntil - current)
                continue
            }
            guard let ratePerSecond else { return }
            refill(at: current)
            tokens -= 1
            headroom.record(max(tokens, 0))
            if tokens >= 0 { return }
            do {
                try await wait(.seconds(-tokens / ratePerSecond))
            } catch {
                tokens += 1
                throw error
            }
            // A 429 while this caller slept: give the token back and queue again after the pause.
            if pausedUntil > now() {
                tokens += 1
                continue
            }
            return
        }
    }

    /// Adds the tokens earned since the last refill (the count may be negative: reservations).
    private func refill(at current: Duration) {
        guard let ratePerSecond else { return }
        tokens = min(capacity, tokens + (current - lastRefill).seconds * ratePerSecond)
        lastRefill = current
    }

    /// Closes the limiter for `duration` from now (never shortens an existing pause).
    public func pause(for duration: Duration) {
        pausedUntil = max(pausedUntil, now() + duration)
    }

    /// How long the limiter stays closed from now (zero when open).
    public var remainingPause: Duration {
        max(pausedUntil - now(), .zero)
    }

    private func wait(_ duration: Duration) async throws(PartnerCenterError) {
        do {
            try await sleep(duration)
        } catch {
            throw .cancelled()
        }
    }
}

extension Duration {
    /// The duration as fractional seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Nanoseconds, clamped to Int64.
    public var nanosecondsClamped: Int64 {
        let (high, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : high + components.attoseconds / 1_000_000_000
    }
}
