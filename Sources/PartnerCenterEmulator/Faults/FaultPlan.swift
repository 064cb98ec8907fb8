import PartnerCenterModels
/// What the fault injector decided for one request.
struct FaultPlan: Sendable {
    /// The request-level outcome.
    enum Outcome: Sendable, Equatable {
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
    var delay: Duration = .zero
    /// The outcome.
    var outcome: Outcome = .none
    /// Per-chunk delay of a slow body.
    var slowBodyChunkDelay: Duration? = nil
    /// Chunk size of a slow body.
    var slowBodyChunkSize: Int = 64

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
