import EmulatorCore
import Foundation
import NIOHTTP1
import PartnerCenterClient

/// The emulated Partner Center, Entra ID and ARM with no socket: the real clients' transport
/// hands every request to `EmulatedAnswer.respond`, the router the emulator's HTTP server and
/// the simulation's wire use. As with swift-nio's `EmbeddedChannel`, the stack above is the
/// shipped one and only the wire below is in memory. Of the faults the emulator's HTTP server
/// draws for Partner Center requests (`EmulatorState.setFaults`), the latency and the damaged
/// 200 bodies (`truncatedJSONRate`, `malformedJSONRate`) apply here; resets, 5xx, 429s and lost
/// answers are the simulation's network's business (`SimulatedWire`).
final class InProcessEmulator: HTTPExchange {
    let state: EmulatorState

    /// Starts a service from `configuration` (its data generated from the seed).
    init(_ configuration: EmulatorConfiguration) {
        state = EmulatorState(configuration: configuration)
    }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let emulated = EmulatedRequest(method: request.method.rawValue, url: request.url,
                                       headers: request.headers.map { ($0.name, $0.value) }, body: request.body ?? Data())
        let plan = emulated.path.hasPrefix("/providers/") ? FaultPlan()
            : await state.drawFaults(isWrite: request.method == .PUT, isTokenEndpoint: emulated.path.hasSuffix("/token"))
        if plan.delay > .zero {
            do {
                try await Task.sleep(for: plan.delay)
            } catch {
                throw .cancelled(requestID: requestID, correlationID: correlationID)
            }
        }
        let answer = await EmulatedAnswer.respond(to: emulated, in: state)
        let body = Data(plan.damaged([UInt8](answer.body), status: answer.status))
        return RawResponse(status: answer.status, headers: HTTPHeaders(answer.headers), body: body)
    }
}
