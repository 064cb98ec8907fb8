import PartnerCenterEmulator
import Testing

/// One emulator fault (or a mix) switched on during a sync pass and off afterwards.
struct FaultCase: Sendable, CustomTestStringConvertible {
    /// How the fault is switched on besides `FaultSettings`.
    enum Switch: Sendable { case settings, expiredTokens, forbidden }

    let name: String
    let faults: FaultSettings
    let kind: Switch

    var testDescription: String { name }

    /// Turns the fault on.
    func apply(to state: EmulatorState) async {
        switch kind {
        case .settings: await state.setFaults(faults)
        case .expiredTokens: await state.expireAllTokens()
        case .forbidden: await state.forbid(true)
        }
    }

    /// Turns every fault off again.
    func remove(from state: EmulatorState) async {
        await state.setFaults(FaultSettings())
        await state.forbid(false)
    }

    private static func settings(_ name: String, _ change: (inout FaultSettings) -> Void) -> FaultCase {
        var faults = FaultSettings()
        faults.seed = 0xfa17
        change(&faults)
        return FaultCase(name: name, faults: faults, kind: .settings)
    }

    static let all: [FaultCase] = [
        settings("500 errors") { $0.internalServerErrorRate = 0.3 },
        settings("503 errors") { $0.serviceUnavailableRate = 0.3 },
        settings("429 storm") { $0.tooManyRequestsRate = 1; $0.tooManyRequestsRetryAfter = 1 },
        settings("connection resets") { $0.connectionResetRate = 0.3 },
        settings("truncated JSON") { $0.truncatedJSONRate = 0.3 },
        settings("malformed JSON") { $0.malformedJSONRate = 0.3 },
        settings("slow bodies") { $0.slowBodyChunkDelay = .milliseconds(2); $0.slowBodyChunkSize = 128 },
        settings("latency") { $0.latency = .milliseconds(40); $0.latencyJitter = .milliseconds(40) },
        settings("lost PUT responses") { $0.lostPutResponseRate = 0.6 },
        FaultCase(name: "expired access tokens", faults: FaultSettings(), kind: .expiredTokens),
        FaultCase(name: "403 forbidden", faults: FaultSettings(), kind: .forbidden),
        settings("mixed") {
            $0.internalServerErrorRate = 0.08; $0.serviceUnavailableRate = 0.08; $0.connectionResetRate = 0.08
            $0.truncatedJSONRate = 0.05; $0.malformedJSONRate = 0.05; $0.lostPutResponseRate = 0.3
            $0.tooManyRequestsRate = 0.03; $0.latency = .milliseconds(3); $0.latencyJitter = .milliseconds(10)
            $0.includeTokenEndpoints = true
        },
    ]
}
