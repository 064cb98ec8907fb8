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
    /// Reserved tokens fall due on this grid (measured from the limiter's creation), so waiters
    /// whose tokens come due within one tick wake together.
    private let tick: Duration
    private let now: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void
    private let waitTimer = Metrics.Timer(label: HTTPMetricNames.rateLimitWaitSeconds, preferredDisplayUnit: .seconds)
    private let headroom = Gauge(label: HTTPMetricNames.rateLimiterTokens)

    /// Creates a limiter. `requestsPerMinute` nil or ≤ 0 turns the bucket off (a pause still
    /// applies). `burst` is the bucket size (default: a tenth of a minute's budget, at least 1).
    ///
    /// `tick` is the grid reserved tokens are handed out on: a waiter sleeps until the end of the
    /// tick in which its token is earned, never earlier (the rate holds), at most one tick later.
    /// At 100,000 requests a minute a 10 ms tick wakes ~17 waiters at once instead of one
    /// every 0.6 ms: wake-ups, not tokens, are what waiting costs in CPU.
    public init<C: Clock>(requestsPerMinute: Int?, burst: Int? = nil, tick: Duration = .milliseconds(10),
                          clock: C = ContinuousClock())
    where C.Duration == Duration {
        let start = clock.now
        now = { start.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: start.advanced(by: $0), tolerance: nil) }
        self.tick = max(tick, .nanoseconds(1))
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
    /// the callers queued ahead of it) and sleeps once, until the end of the tick in which that
    /// token is earned: at most one wake-up per request however many workers wait (instead of all
    /// of them waking for each token), and one per tick for all whose tokens fall due in it.
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
                try await wait(until: pausedUntil)
                continue
            }
            guard let ratePerSecond else { return }
            refill(at: current)
            tokens -= 1
            headroom.record(max(tokens, 0))
            if tokens >= 0 { return }
            do {
                try await wait(until: endOfTick(containing: current + .seconds(-tokens / ratePerSecond)))
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

    /// The first grid point at or after `instant` (both measured from the limiter's creation).
    private func endOfTick(containing instant: Duration) -> Duration {
        let ticks = (instant / tick).rounded(.up)
        return tick * Int64(ticks)
    }

    /// Sleeps until `instant` (measured from the limiter's creation).
    private func wait(until instant: Duration) async throws(PartnerCenterError) {
        do {
            try await sleepUntil(instant)
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
