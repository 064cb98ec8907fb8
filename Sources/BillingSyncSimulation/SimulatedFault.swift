/// A fault the driver draws for one request; `SimulatedWire` applies it in HTTP terms (a reset
/// or a timeout as the exchange's transport error, a 429 or 503 as the emulator answers them).
public enum SimulatedFault: String, Sendable, CaseIterable {
    /// The connection resets before the request reaches the service: nothing applied.
    case resetBeforeApply
    /// 500/503: nothing applied.
    case serverError
    /// 429 with `Retry-After`: nothing applied.
    case throttled
    /// The request is applied, then the connection drops before the answer arrives.
    case lostResponse
    /// The client's timeout passed before the request reached the service: nothing applied.
    case timedOutBeforeApply
    /// The client's timeout passed while the service was applying it: applied, never answered.
    case appliedThenTimedOut
}
