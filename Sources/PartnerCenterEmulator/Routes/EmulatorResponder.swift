import Foundation
import Hummingbird
import PartnerCenterModels

/// Dispatches every request: finds the route, applies faults, auth, the 403 switch and the rate
/// limit, runs the handler, shapes the response (headers, fault-damaged bodies) and counts it.
struct EmulatorResponder: HTTPResponder {
    typealias Context = EmulatorContext

    let routes: [EmulatorRoute]
    let state: EmulatorState
    let configuration: EmulatorConfiguration

    func respond(to request: Request, context: EmulatorContext) async throws -> Response {
        var request = request
        let body = (try? await request.collectBody(upTo: 4 * 1024 * 1024)).map { Data(buffer: $0) } ?? Data()
        let path = request.uri.path.split(separator: "/")
        let candidates = routes.compactMap { route in route.match(path).map { (route, $0) } }
        guard let (route, parameters) = candidates.first(where: { $0.0.method == request.method }) else {
            let reply: EmulatorReply = candidates.isEmpty
                ? .error(.notFound, code: 1000, "Not found: \(request.method.rawValue) \(request.uri.path)")
                : .error(.methodNotAllowed, code: 1000, "Method not allowed: \(request.method.rawValue)")
            await state.recordRequest(route: "UNMATCHED", status: Int(reply.status.code))
            return render(reply, request: request, kind: .api, plan: FaultPlan())
        }
        let plan = route.kind == .admin ? FaultPlan()
            : await state.drawFaults(isWrite: request.method == .put, isTokenEndpoint: route.kind == .token)
        if plan.delay > .zero { try? await Task.sleep(for: plan.delay) }

        var reply: EmulatorReply
        switch plan.outcome {
        case .connectionReset:
            context.closeConnection()
            await state.recordRequest(route: route.name, status: 0)
            return Response(status: .ok)
        case .tooManyRequests(let retryAfter):
            reply = .tooManyRequests(retryAfter: retryAfter)
        case .internalServerError:
            reply = .error(.internalServerError, code: 500, "An internal error occurred. Please retry.")
        case .serviceUnavailable:
            reply = .error(.serviceUnavailable, code: 503, "The service is temporarily unavailable. Please retry.")
        default:
            let emulatorRequest = EmulatorRequest(
                method: request.method, pathParameters: parameters,
                query: FormEncoding.decode(request.uri.query ?? ""), headers: request.headers, body: body,
                state: state, configuration: configuration)
            if route.kind == .api, let refusal = await admission(emulatorRequest) {
                reply = refusal
            } else {
                reply = await route.handler(emulatorRequest)
            }
        }
        if plan.outcome == .lostPutResponse, reply.status == .ok {
            context.closeConnection()
            await state.recordRequest(route: route.name, status: 0)
            return Response(status: .ok)
        }
        await state.recordRequest(route: route.name, status: Int(reply.status.code))
        return render(reply, request: request, kind: route.kind, plan: plan)
    }

    /// Auth (401), the 403 switch and the per-tenant rate limit (429), in that order.
    private func admission(_ request: EmulatorRequest) async -> EmulatorReply? {
        switch await state.checkAccess(authorization: request.header("Authorization")) {
        case .valid: break
        case .missing:
            return unauthorized(code: 800001, "Partner Token missing in request context", error: nil)
        case .invalid:
            return unauthorized(code: 400, "Access denied: the access token is not valid.", error: "invalid_token")
        case .expired:
            return unauthorized(code: 400, "Access denied: the access token has expired.", error: "invalid_token")
        }
        if await state.isForbidden {
            return .error(.forbidden, code: 2032, "Access denied")
        }
        if let retryAfter = await state.takeRateLimit(tenant: configuration.tenantID) {
            return .tooManyRequests(retryAfter: retryAfter)
        }
        return nil
    }

    private func unauthorized(code: Int, _ description: String, error: String?) -> EmulatorReply {
        var reply = EmulatorReply.error(.unauthorized, code: code, description)
        var challenge = "Bearer realm=\"api.partnercenter.microsoft.com\""
        if let error { challenge += ", error=\"\(error)\", error_description=\"\(description)\"" }
        reply.headers.append(("WWW-Authenticate", challenge))
        return reply
    }
}
