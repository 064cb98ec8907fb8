import Foundation
import HTTPTypes
import PartnerCenterModels

/// The emulator's answer to a request without a server: route lookup, the API routes' checks
/// (bearer token, the 403 switch, the tenant's rate limit) and the handler, and the headers every
/// answer carries. `EmulatorResponder` serves it over HTTP (adding faults); the simulation's wire
/// answers through it (`EmulatedAnswer.respond`), so both speak one mapping.
package enum EmulatorRouter {
    /// Every route served (API, token, admin) but ARM's (`ARMRoutes`); new APIs are appended here.
    package static let routes: [EmulatorRoute] = TokenRoutes.routes + CustomerRoutes.routes
        + BillingProfileRoutes.routes + AuditRoutes.routes + ValidationRoutes.routes + AdminRoutes.routes + ARMAdminRoutes.routes

    /// The route for `method` and `path`, with its `{name}` values; or the 404/405 reply.
    package static func match(_ routes: [EmulatorRoute], method: HTTPRequest.Method,
                      path: String) -> Result<(route: EmulatorRoute, parameters: [String: String]), ReplyError> {
        let segments = path.split(separator: "/")
        let candidates = routes.compactMap { route in route.match(segments).map { (route, $0) } }
        guard let found = candidates.first(where: { $0.0.method == method }) else {
            return .failure(ReplyError(candidates.isEmpty
                ? .error(.notFound, code: 1000, "Not found: \(method.rawValue) \(path)")
                : .error(.methodNotAllowed, code: 1000, "Method not allowed: \(method.rawValue)")))
        }
        return .success((found.0, found.1))
    }

    /// The route's answer: for an API route the admission checks first, then the handler.
    package static func answer(_ route: EmulatorRoute, _ request: EmulatorRequest) async -> EmulatorReply {
        if route.kind == .api, let refusal = await admission(request) { return refusal }
        return await route.handler(request)
    }

    /// Auth (401), the 403 switch and the per-tenant rate limit (429), in that order.
    private static func admission(_ request: EmulatorRequest) async -> EmulatorReply? {
        switch await request.state.checkAccess(authorization: request.header("Authorization")) {
        case .valid: break
        case .missing:
            return unauthorized(code: 800001, "Partner Token missing in request context", error: nil)
        case .invalid:
            return unauthorized(code: 400, "Access denied: the access token is not valid.", error: "invalid_token")
        case .expired:
            return unauthorized(code: 400, "Access denied: the access token has expired.", error: "invalid_token")
        }
        if await request.state.isForbidden {
            return .error(.forbidden, code: 2032, "Access denied")
        }
        if let retryAfter = await request.state.takeRateLimit(tenant: request.configuration.tenantID) {
            return .tooManyRequests(retryAfter: retryAfter)
        }
        return nil
    }

    /// A 401 with the `WWW-Authenticate` challenge Partner Center sends.
    static func unauthorized(code: Int, _ description: String, error: String?) -> EmulatorReply {
        var reply = EmulatorReply.error(.unauthorized, code: code, description)
        var challenge = "Bearer realm=\"api.partnercenter.microsoft.com\""
        if let error { challenge += ", error=\"\(error)\", error_description=\"\(description)\"" }
        reply.headers.append(("WWW-Authenticate", challenge))
        return reply
    }

    /// The headers of every answer: the request id echoed (`x-ms-request-id` on the token
    /// endpoints; `MS-RequestId`, `MS-CorrelationId` and `MS-CV` on the API), then the route's own.
    package static func headers(of reply: EmulatorReply, kind: EmulatorRoute.Kind,
                        requestHeader: (String) -> String?) -> [(String, String)] {
        var headers: [(String, String)] = []
        let requestID = requestHeader("MS-RequestId") ?? UUID().uuidString.lowercased()
        if kind == .token {
            headers.append(("x-ms-request-id", requestID))
        } else {
            headers.append(("MS-RequestId", requestID))
            headers.append(("MS-CorrelationId", requestHeader("MS-CorrelationId") ?? UUID().uuidString.lowercased()))
            headers.append(("MS-CV", String(UUID().uuidString.prefix(8)) + ".0"))
        }
        return headers + reply.headers
    }
}
