import Metrics

/// A token bucket shared by every request to one partner tenant (default 500 requests/minute,
/// the documented Customer-resource limit). A 429 closes it for everyone until the
/// `Retry-After` has passed (`pause(for:)`), so all workers stop, not just the one throttled.
///
/// The budget is shared with the partner's other tools, so a 429 also says the configured rate
/// is more than this client gets: each new pause lowers the rate by a quarter (never below a
/// tenth of the configured one), and every `recoveryInterval` without a 429 gives back a tenth
/// of it (additive increase, multiplicative decrease), so a shared budget costs a few 429s
/// rather than one per request beyond it.
public actor RequestRateLimiter {
    /// The configured requests per second; nil when limiting is off.
    private let configuredRate: Double?
    /// Requests per second now: the configured rate, lowered after 429s and recovering.
    private var ratePerSecond: Double?
    /// When the rate was last lowered or raised.
    private var lastRateChange: Duration = .zero
    /// How long without a 429 before the rate rises by a tenth of the configured one.
    private let recoveryInterval: Duration
    /// Tokens interactive requests took ahead of background waiters already asleep: for each,
    /// the next background waiter to wake moves to the back of the queue (the rate holds).
    private var borrowed = 0
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
                          recoveryInterval: Duration = .seconds(15), clock: C = ContinuousClock())
    where C.Duration == Duration {
        self.recoveryInterval = max(recoveryInterval, .milliseconds(1))
        let start = clock.now
        now = { start.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: start.advanced(by: $0), tolerance: nil) }
        self.tick = max(tick, .nanoseconds(1))
        if let requestsPerMinute, requestsPerMinute > 0 {
            configuredRate = Double(requestsPerMinute) / 60
            capacity = Double(max(1, burst ?? requestsPerMinute / 10))
        } else {
            configuredRate = nil
            capacity = 1
        }
        ratePerSecond = configuredRate
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
    public func acquire(priority: RequestPriority = .background) async throws(PartnerCenterError) {
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
            recoverRate(at: current)
            guard let ratePerSecond else { return }
            refill(at: current)
            tokens -= 1
            headroom.record(max(tokens, 0))
            if tokens >= 0 { return }
            // An interactive request goes ahead of the background waiters: it waits for one
            // token, and the first background waiter to wake pays for it.
            let due = priority == .interactive ? min(-tokens, 1) : -tokens
            if priority == .interactive, -tokens > 1 { borrowed += 1 }
            do {
                try await wait(until: endOfTick(containing: current + .seconds(due / ratePerSecond)))
            } catch {
                tokens += 1
                throw error
            }
            if priority == .background, borrowed > 0 {
                // Pay for a token an interactive request took: go to the back of the queue, to
                // the slot its reservation added there.
                borrowed -= 1
                let woke = now()
                refill(at: woke)
                do {
                    try await wait(until: endOfTick(containing: woke + .seconds(max(-tokens, 0) / ratePerSecond)))
                } catch {
                    tokens += 1
                    throw error
                }
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

    /// Closes the limiter for `duration` from now (never shortens an existing pause). Returns true
    /// when this begins a new episode (the limiter was open): the rate is then lowered, and the
    /// caller logs the episode once instead of every throttled request.
    @discardableResult
    public func pause(for duration: Duration) -> Bool {
        let current = now()
        let isNewEpisode = pausedUntil <= current
        pausedUntil = max(pausedUntil, current + duration)
        if isNewEpisode, let configuredRate, let rate = ratePerSecond {
            refill(at: current)
            ratePerSecond = max(configuredRate / 10, rate * 0.75)
            lastRateChange = pausedUntil
            // Tokens saved up before the 429 were counted at the old rate: none is left to burst.
            tokens = min(tokens, 0)
        }
        return isNewEpisode
    }

    /// The bucket's count (negative: tokens reserved by waiters), for tests.
    public var remainingTokensForTests: Double { tokens }

    /// Requests a minute the limiter lets through now (nil when limiting is off).
    public var currentRequestsPerMinute: Double? { ratePerSecond.map { $0 * 60 } }

    /// Gives back a tenth of the configured rate for every `recoveryInterval` without a 429.
    private func recoverRate(at current: Duration) {
        guard let configuredRate, let rate = ratePerSecond, rate < configuredRate else { return }
        let steps = ((current - lastRateChange) / recoveryInterval).rounded(.down)
        guard steps >= 1 else { return }
        refill(at: current)
        ratePerSecond = min(configuredRate, rate + configuredRate / 10 * steps)
        lastRateChange = lastRateChange + recoveryInterval * Int64(steps)
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
