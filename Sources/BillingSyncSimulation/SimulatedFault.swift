import PartnerCenterClient

extension PartnerCenterError {
    /// What the client reports when its request timeout passes.
    static let simulatedTimeout = PartnerCenterError(kind: .transient, message: "simulated: the request timed out")
}

/// A fault the driver draws for one request.
public enum SimulatedFault: String, Sendable, CaseIterable {
    /// The connection resets before the request reaches the service: nothing applied.
    case resetBeforeApply
    /// 500/503: nothing applied.
    case serverError
    /// 429 with `Retry-After`: nothing applied.
    case throttled
    /// The request is applied, then the connection drops before the answer arrives.
    case lostResponse
    /// The token could not be refreshed (or a 401 survived a fresh token).
    case credentials
    /// The client's timeout passed before the request reached the service: nothing applied.
    case timedOutBeforeApply
    /// The client's timeout passed while the service was applying it: applied, never answered.
    case appliedThenTimedOut

    /// The error thrown before the service sees the request, for faults that stop it there.
    var errorBeforeApply: PartnerCenterError? {
        switch self {
        case .resetBeforeApply:
            PartnerCenterError(kind: .transient, message: "simulated connection reset before the request was sent")
        case .serverError:
            PartnerCenterError(kind: .transient, status: 503, code: "503", message: "simulated: the service is temporarily unavailable")
        case .throttled:
            PartnerCenterError(kind: .rateLimited, status: 429, message: "simulated: rate limit is exceeded", retryAfter: .seconds(7))
        case .credentials:
            PartnerCenterError(kind: .credential, status: 400, code: "invalid_grant",
                               message: "simulated: token request refused (AADSTS700082: the refresh token has expired)")
        case .timedOutBeforeApply:
            PartnerCenterError(kind: .transient, message: "simulated: the request timed out")
        case .lostResponse, .appliedThenTimedOut:
            nil
        }
    }
}
