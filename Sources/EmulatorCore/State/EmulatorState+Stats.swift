import PartnerCenterModels

/// A request-count key: route name and answered status (0 = connection closed without a response).
struct RouteStatus: Hashable, Sendable {
    let route: String
    let status: Int
}

extension EmulatorState {
    /// Route name of the token endpoints (v1 and v2) in the statistics.
    public static let tokenRoute = "POST token"

    /// Counts a request.
    package func recordRequest(route: String, status: Int) {
        requestCounts[RouteStatus(route: route, status: status), default: 0] += 1
    }

    /// Requests answered so far, optionally only of one route (e.g. `"GET /v1/customers"`,
    /// `"PUT /v1/customers/{id}/profiles/billing"`, `"POST token"`) and/or one status
    /// (0 counts connections closed without a response).
    public func requestCount(route: String? = nil, status: Int? = nil) -> Int {
        requestCounts.reduce(0) { total, entry in
            let routeMatches = route.map { $0 == entry.key.route } ?? true
            let statusMatches = status.map { $0 == entry.key.status } ?? true
            return routeMatches && statusMatches ? total + entry.value : total
        }
    }

    /// Requests to the token endpoints.
    public func tokenRequestCount() -> Int { requestCount(route: Self.tokenRoute) }

    /// The statistics as `GET /_emulator/stats` shows them.
    func statistics() -> JSONValue {
        var byRoute: [String: JSONValue] = [:]
        for (key, count) in requestCounts {
            var statuses = byRoute[key.route]?.objectValue ?? [:]
            statuses[String(key.status)] = .integer(Int64(count))
            byRoute[key.route] = .object(statuses)
        }
        return .object([
            "requests": .object(byRoute),
            "totalRequests": .integer(Int64(requestCount())),
            "tokenRequests": .integer(Int64(tokenRequestCount())),
            "writes": .integer(Int64(writes.count)),
            "customers": .integer(Int64(order.count)),
            "auditRecords": .integer(Int64(audit.count)),
        ])
    }

    /// Takes one request from the tenant's bucket; nil when allowed, else `Retry-After` seconds.
    func takeRateLimit(tenant: String) -> Int? {
        guard let perMinute = rateLimitPerMinute else { return nil }
        let now = ContinuousClock.now
        var bucket = rateBuckets[tenant] ?? TokenBucket(perMinute: perMinute, now: now)
        let retryAfter = bucket.take(now: now)
        rateBuckets[tenant] = bucket
        return retryAfter
    }

    /// Enforces a budget of `perMinute` requests per tenant from now on (nil: none), every
    /// tenant's bucket full again: a mirror loaded without the budget, then run under it.
    public func setRateLimit(perMinute: Int?) {
        rateLimitPerMinute = perMinute
        rateBuckets = [:]
    }

    /// Replaces the fault switches (and re-seeds the fault generator from `settings.seed`).
    public func setFaults(_ settings: FaultSettings) {
        faults = settings
        faultRNG = SeededGenerator(seed: settings.seed)
    }

    /// Draws the faults for one request.
    package func drawFaults(isWrite: Bool, isTokenEndpoint: Bool) -> FaultPlan {
        if isTokenEndpoint && !faults.includeTokenEndpoints { return FaultPlan() }
        return FaultPlan.draw(faults, isWrite: isWrite, using: &faultRNG)
    }
}
