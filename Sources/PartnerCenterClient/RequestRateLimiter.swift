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
///
/// Waiting callers are served by `RequestPriority`: a push's request gets the next token ahead of
/// the reconcile's queue, and the reconcile keeps at least one token in five while it waits
/// (`PriorityWaiters`), so neither starves and the rate holds.
public actor RequestRateLimiter: PriorityWaiting {
    /// The configured requests per second; nil when limiting is off.
    private let configuredRate: Double?
    /// Requests per second now: the configured rate, lowered after 429s and recovering.
    private var ratePerSecond: Double?
    /// When the rate was last lowered or raised.
    private var lastRateChange: Duration = .zero
    /// How long without a 429 before the rate rises by a tenth of the configured one.
    private let recoveryInterval: Duration
    private let capacity: Double
    private var tokens: Double
    private var lastRefill: Duration
    private var pausedUntil: Duration = .zero
    /// Callers waiting for a token, served interactive first with the background's minimum share.
    var waiters = PriorityWaiters()
    /// The task handing out tokens while callers wait (nil when nobody waits).
    private var dispatcher: Task<Void, Never>?
    /// Tokens handed out so far, for tests.
    private var grants = 0
    /// Where the dispatcher and the removal of cancelled waiters run.
    nonisolated var waiterExecutor: (any TaskExecutor)? { clock.executor }
    /// Tokens are handed out on this grid (measured from the limiter's creation), so the waiters
    /// whose tokens come due within one tick wake together.
    private let tick: Duration
    private let clock: TransportClock
    private let waitTimer = Metrics.Timer(label: HTTPMetricNames.rateLimitWaitSeconds, preferredDisplayUnit: .seconds)
    private let headroom = Gauge(label: HTTPMetricNames.rateLimiterTokens)

    /// Creates a limiter. `requestsPerMinute` nil or ≤ 0 turns the bucket off (a pause still
    /// applies). `burst` is the bucket size (default: a tenth of a minute's budget, at least 1).
    ///
    /// `tick` is the grid tokens are handed out on while callers wait: a token is never handed out
    /// before it is earned, at most one tick later. At 100,000 requests a minute a 10 ms tick
    /// wakes the limiter once for ~17 waiters instead of once every 0.6 ms: wake-ups, not tokens,
    /// are what waiting costs in CPU.
    public init<C: Clock>(requestsPerMinute: Int?, burst: Int? = nil, tick: Duration = .milliseconds(10),
                          recoveryInterval: Duration = .seconds(15), clock: C = ContinuousClock())
    where C.Duration == Duration {
        self.init(requestsPerMinute: requestsPerMinute, burst: burst, tick: tick, recoveryInterval: recoveryInterval,
                  clock: TransportClock(clock))
    }

    /// Creates a limiter timed by a transport's clock (its dispatcher runs on the clock's executor).
    public init(requestsPerMinute: Int?, burst: Int? = nil, tick: Duration = .milliseconds(10),
                recoveryInterval: Duration = .seconds(15), clock: TransportClock) {
        self.recoveryInterval = max(recoveryInterval, .milliseconds(1))
        self.clock = clock
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
    /// A caller that finds nobody waiting, the limiter open and a token in the bucket takes it at
    /// once. Otherwise it queues by `priority` (`PriorityWaiters`: interactive first, the
    /// background keeping `RequestPriority.minimumBackgroundShare`) and sleeps until one task,
    /// waking once per tick, hands it its token.
    public func acquire(priority: RequestPriority = .background) async throws(PartnerCenterError) {
        guard !Task.isCancelled else { throw .cancelled() }
        let started = clock.elapsed()
        if waiters.isEmpty, pausedUntil <= started {
            recoverRate(at: started)
            refill(at: started)
            if ratePerSecond == nil || tokens >= 1 - Self.epsilon {
                take()
                return
            }
        }
        try await waitForGrant(priority: priority) {
            if dispatcher == nil { dispatcher = Task(executorPreference: waiterExecutor) { await self.dispatch() } }
        }
        let waited = clock.elapsed() - started
        if waited > .zero { waitTimer.recordNanoseconds(waited.nanosecondsClamped) }
    }

    /// Floating-point slack when comparing earned tokens with one (a billionth of a token).
    private static let epsilon = 1e-9

    /// Takes one token (none is counted when limiting is off).
    private func take() {
        grants += 1
        guard ratePerSecond != nil else { return }
        tokens -= 1
        headroom.record(max(tokens, 0))
    }

    /// Hands out tokens while callers wait: at each tick, every token earned goes to the next
    /// waiter (`PriorityWaiters.popNext`); closed while paused. Ends when nobody waits.
    private func dispatch() async {
        while !waiters.isEmpty {
            let current = clock.elapsed()
            var due = pausedUntil
            if pausedUntil <= current {
                recoverRate(at: current)
                refill(at: current)
                while !waiters.isEmpty, ratePerSecond == nil || tokens >= 1 - Self.epsilon, let next = waiters.popNext() {
                    take()
                    next.resume()
                }
                tokens = min(tokens, capacity)
                guard !waiters.isEmpty else { break }
                guard let ratePerSecond else { continue }
                due = endOfTick(containing: current + .seconds(max(1 - tokens, 0) / ratePerSecond))
            }
            do {
                try await clock.sleepUntil(due)
            } catch {
                break
            }
        }
        dispatcher = nil
    }

    /// Adds the tokens earned since the last refill. While callers wait, every token earned is
    /// theirs (handed out at the next tick, however small the burst); an idle bucket holds at most
    /// `capacity`. Nothing is earned while the limiter is closed (`lastRefill` is then the pause's end).
    private func refill(at current: Duration) {
        guard let ratePerSecond, current > lastRefill else { return }
        let earned = tokens + (current - lastRefill).seconds * ratePerSecond
        tokens = waiters.isEmpty ? min(capacity, earned) : earned
        lastRefill = current
    }

    /// Closes the limiter for `duration` from now (never shortens an existing pause). Returns true
    /// when this begins a new episode (the limiter was open): the rate is then lowered, and the
    /// caller logs the episode once instead of every throttled request.
    @discardableResult
    public func pause(for duration: Duration) -> Bool {
        let current = clock.elapsed()
        let isNewEpisode = pausedUntil <= current
        refill(at: current)
        pausedUntil = max(pausedUntil, current + duration)
        if isNewEpisode, let configuredRate, let rate = ratePerSecond {
            ratePerSecond = max(configuredRate / 10, rate * 0.75)
            lastRateChange = pausedUntil
            // Tokens saved up before the 429 were counted at the old rate: none is left to burst.
            tokens = min(tokens, 0)
        }
        lastRefill = max(lastRefill, pausedUntil)
        return isNewEpisode
    }

    /// Tokens in the bucket now (not counting what was earned since the last grant), for tests.
    public var remainingTokensForTests: Double { tokens }

    /// Callers waiting for a token with `priority`, for tests.
    public func waitingForTests(_ priority: RequestPriority) -> Int { waiters.count(priority) }

    /// Tokens handed out since the limiter was made, for tests.
    public var grantsForTests: Int { grants }

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
        max(pausedUntil - clock.elapsed(), .zero)
    }

    /// The first grid point at or after `instant` (both measured from the limiter's creation).
    private func endOfTick(containing instant: Duration) -> Duration {
        let ticks = (instant / tick).rounded(.up)
        return tick * Int64(ticks)
    }
}

extension Duration {
    /// Nanoseconds, clamped to Int64.
    public var nanosecondsClamped: Int64 {
        let (high, overflow) = components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : high + components.attoseconds / 1_000_000_000
    }
}
