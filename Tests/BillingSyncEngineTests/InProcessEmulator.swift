import EmulatorCore
import Foundation
import NIOHTTP1
import PartnerCenterClient

/// The emulated Partner Center, Entra ID and ARM with no socket: the real clients' transport
/// hands every request to `EmulatedAnswer.respond`, the router the emulator's HTTP server and
/// the simulation's wire use. As with swift-nio's `EmbeddedChannel`, the stack above is the
/// shipped one and only the wire below is in memory. Of the emulator's faults only `latency`
/// applies here (the others are drawn by the HTTP server and by the simulation's network).
final class InProcessEmulator: HTTPExchange {
    let state: EmulatorState
    /// The configuration `state` was made from.
    let configuration: EmulatorConfiguration

    /// Starts a service from `configuration` (its data generated from the seed).
    init(_ configuration: EmulatorConfiguration) {
        self.configuration = configuration
        state = EmulatorState(configuration: configuration)
    }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let latency = configuration.faults.latency
        if latency > .zero {
            do {
                try await Task.sleep(for: latency)
            } catch {
                throw .cancelled(requestID: requestID, correlationID: correlationID)
            }
        }
        let url = URLComponents(string: request.url)
        let authority = url?.host.map { host in url?.port.map { "\(host):\($0)" } ?? host }
        let emulated = EmulatedRequest(method: request.method.rawValue, path: url?.percentEncodedPath ?? request.url,
                                       query: url?.percentEncodedQuery ?? "", headers: request.headers.map { ($0.name, $0.value) },
                                       body: request.body ?? Data(), authority: authority)
        let answer = await EmulatedAnswer.respond(to: emulated, in: state)
        return RawResponse(status: answer.status, headers: HTTPHeaders(answer.headers), body: answer.body)
    }
}
