import EmulatorCore
import Foundation
import HTTPTypes
import Hummingbird

/// Answers Azure Resource Manager requests (`/providers/…`) the way ARM does and hands every
/// other request to the Partner Center `EmulatorResponder`.
///
/// What ARM answers is decided by `ARMRouter` (shared with the simulation's wire): the route,
/// the faults drawn from the state (the same `FaultSettings` as the Partner Center routes), the
/// bearer token, the 403 switch, the tenant read budget, the operation, the headers and absolute
/// `nextLink`s. Only the socket's part stays here: the latency is slept, a reset closes the
/// connection, and damaged bodies are rendered.
struct ARMResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let next: EmulatorResponder
    private var state: EmulatorState { next.state }

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        guard ARMRouter.isARMPath(request.uri.path) else { return try await next.respond(to: request, context: context) }
        var request = request
        _ = try? await request.collectBody(upTo: 1024 * 1024)
        let incoming = ARMRouter.Incoming(method: request.method, path: request.uri.path, query: request.uri.query ?? "",
                                          headers: request.headers,
                                          authority: request.head.authority ?? "\(next.configuration.host):\(next.configuration.port)")
        let planned = await ARMRouter.plan(incoming, state: state, drawFaults: true)
        if planned.plan.delay > .zero { try? await Task.sleep(for: planned.plan.delay) }
        switch await ARMRouter.answer(planned, to: incoming, state: state) {
        case .closeConnection:
            context.closeConnection()
            return Response(status: .ok)
        case .reply(let reply):
            return next.render(reply, request: request, kind: .token, plan: planned.plan)
        }
    }
}
