import PartnerCenterModels
/// What the fault injector decided for one request.
package struct FaultPlan: Sendable {
    /// The request-level outcome.
    package enum Outcome: Sendable, Equatable {
        case none
        case internalServerError
        case serviceUnavailable
        case tooManyRequests(retryAfter: Int)
        case connectionReset
        case truncatedJSON
        case malformedJSON
        /// A PUT is applied, then its connection is closed before the response.
        case lostPutResponse
    }

    /// Delay before answering.
    package var delay: Duration = .zero
    /// The outcome.
    package var outcome: Outcome = .none
    /// Per-chunk delay of a slow body.
    package var slowBodyChunkDelay: Duration? = nil
    /// Chunk size of a slow body.
    package var slowBodyChunkSize: Int = 64

    /// No fault: answer at once, as is.
    package init(delay: Duration = .zero, outcome: Outcome = .none, slowBodyChunkDelay: Duration? = nil, slowBodyChunkSize: Int = 64) {
        self.delay = delay
        self.outcome = outcome
        self.slowBodyChunkDelay = slowBodyChunkDelay
        self.slowBodyChunkSize = slowBodyChunkSize
    }

    /// The body a `status` answer carries under this plan: a 200's cut in half (`truncatedJSON`)
    /// or replaced by a proxy's error page (`malformedJSON`); any other as it is.
    package func damaged(_ bytes: [UInt8], status: Int) -> [UInt8] {
        guard status == 200 else { return bytes }
        switch outcome {
        case .truncatedJSON: return Array(bytes.prefix(bytes.count / 2))
        case .malformedJSON: return Array("<html><body>Bad Gateway {\"id\": ".utf8)
        default: return bytes
        }
    }

    /// Draws a plan from `settings`; `isWrite` enables `lostPutResponse`.
    static func draw(_ settings: FaultSettings, isWrite: Bool, using rng: inout SeededGenerator) -> FaultPlan {
        var plan = FaultPlan(slowBodyChunkDelay: settings.slowBodyChunkDelay,
                             slowBodyChunkSize: max(1, settings.slowBodyChunkSize))
        let jitter = settings.latencyJitter.milliseconds
        plan.delay = settings.latency + .milliseconds(jitter > 0 ? Int64.random(in: 0...jitter, using: &rng) : 0)
        if rng.chance(settings.tooManyRequestsRate) {
            plan.outcome = .tooManyRequests(retryAfter: max(0, settings.tooManyRequestsRetryAfter))
        } else if rng.chance(settings.connectionResetRate) {
            plan.outcome = .connectionReset
        } else if rng.chance(settings.internalServerErrorRate) {
            plan.outcome = .internalServerError
        } else if rng.chance(settings.serviceUnavailableRate) {
            plan.outcome = .serviceUnavailable
        } else if isWrite && rng.chance(settings.lostPutResponseRate) {
            plan.outcome = .lostPutResponse
        } else if rng.chance(settings.truncatedJSONRate) {
            plan.outcome = .truncatedJSON
        } else if rng.chance(settings.malformedJSONRate) {
            plan.outcome = .malformedJSON
        }
        return plan
    }
}
