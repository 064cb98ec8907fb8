import EmulatorCore
import Foundation
import HTTPTypes
import Hummingbird

/// Answers Azure Resource Manager requests (`/providers/…`) the way ARM does and hands every
/// other request to the Partner Center `EmulatorResponder`.
///
/// Per ARM request: faults (latency, 500, 503, 429, connection reset, damaged bodies; the same
/// `FaultSettings` as the Partner Center routes), the bearer token (401 `InvalidAuthenticationToken`),
/// the 403 switch, the tenant read budget (429 `TooManyRequests` + `Retry-After`), then the
/// operation. Every response carries `x-ms-request-id`, `x-ms-correlation-request-id` (echoed or
/// generated), `x-ms-client-request-id` when asked for with `x-ms-return-client-request-id: true`,
/// and `x-ms-ratelimit-remaining-tenant-reads`. Relative `nextLink`s become absolute URLs on the
/// host the client called.
struct ARMResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let next: EmulatorResponder
    private var state: EmulatorState { next.state }
    private var configuration: EmulatorConfiguration { next.configuration }

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        let path = request.uri.path.split(separator: "/")
        guard ARMRoutes.isARMPath(path) else { return try await next.respond(to: request, context: context) }
        var request = request
        _ = try? await request.collectBody(upTo: 1024 * 1024)
        let candidates = ARMRoutes.routes.compactMap { route in route.match(path).map { (route, $0) } }
        guard let (route, parameters) = candidates.first(where: { $0.0.method == request.method }) else {
            let reply = ARMErrors.unmatched(request.method.rawValue, request.uri.path, methodExists: !candidates.isEmpty)
            await state.recordRequest(route: EmulatorState.armUnmatchedOperation, status: Int(reply.status.code))
            return await finish(reply, request: request, plan: FaultPlan())
        }
        let plan = await state.drawFaults(isWrite: false, isTokenEndpoint: false)
        if plan.delay > .zero { try? await Task.sleep(for: plan.delay) }
        let reply: EmulatorReply
        switch plan.outcome {
        case .connectionReset:
            context.closeConnection()
            await state.recordRequest(route: route.name, status: 0)
            return Response(status: .ok)
        case .tooManyRequests(let retryAfter):
            reply = ARMErrors.tooManyRequests(retryAfter: retryAfter)
        case .internalServerError:
            reply = ARMErrors.internalServerError()
        case .serviceUnavailable:
            reply = ARMErrors.serviceUnavailable()
        default:
            let call = EmulatorRequest(method: request.method, pathParameters: parameters,
                                       query: FormEncoding.decode(request.uri.query ?? ""),
                                       headers: request.headers, body: Data(), state: state,
                                       configuration: configuration)
            if let refusal = await admission(call) {
                reply = refusal
            } else {
                reply = await route.handler(call)
            }
        }
        await state.recordRequest(route: route.name, status: Int(reply.status.code))
        return await finish(reply, request: request, plan: plan)
    }

    /// The token (401), the 403 switch and the tenant read budget (429), in that order.
    private func admission(_ call: EmulatorRequest) async -> EmulatorReply? {
        let access = await state.checkAccess(authorization: call.header("Authorization"))
        guard access == .valid else { return ARMErrors.unauthorized(access) }
        if await state.isForbidden { return ARMErrors.forbidden() }
        if let retryAfter = await state.takeARMRead() { return ARMErrors.tooManyRequests(retryAfter: retryAfter) }
        return nil
    }

    /// Adds the ARM headers, makes `nextLink` absolute and renders (with the body faults of `plan`).
    private func finish(_ reply: EmulatorReply, request: Request, plan: FaultPlan) async -> Response {
        var reply = reply
        let header = { (name: String) in EmulatorResponder.header(request, name) }
        reply.headers.append(("x-ms-request-id", UUID().uuidString.lowercased()))
        reply.headers.append(("x-ms-correlation-request-id",
                              header("x-ms-correlation-request-id") ?? UUID().uuidString.lowercased()))
        if header("x-ms-return-client-request-id")?.lowercased() == "true",
           let clientRequestID = header("x-ms-client-request-id") {
            reply.headers.append(("x-ms-client-request-id", clientRequestID))
        }
        reply.headers.append(("x-ms-ratelimit-remaining-tenant-reads", String(await state.armRemainingTenantReads())))
        if case .object(var members) = reply.body, let link = members["nextLink"]?.stringValue, link.hasPrefix("/") {
            let authority = request.head.authority ?? "\(configuration.host):\(configuration.port)"
            members["nextLink"] = .string("http://\(authority)\(link)")
            reply.body = .object(members)
        }
        return next.render(reply, request: request, kind: .token, plan: plan)
    }
}
