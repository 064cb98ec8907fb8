import Foundation
import HTTPTypes
import PartnerCenterModels

/// Azure Resource Manager's answer to a request without a server, as `EmulatorRouter` is for
/// Partner Center: the route match (ARM's own 404/405), the faults drawn from the state
/// (500, 503, 429, connection reset; latency and damaged bodies are the server's to apply), the
/// bearer token (401 `InvalidAuthenticationToken`), the 403 switch, the tenant read budget
/// (429 `TooManyRequests` + `Retry-After`), the operation, and the headers every ARM answer
/// carries (`x-ms-request-id`, `x-ms-correlation-request-id` echoed or generated,
/// `x-ms-client-request-id` when asked for with `x-ms-return-client-request-id: true`,
/// `x-ms-ratelimit-remaining-tenant-reads`), with relative `nextLink`s made absolute on the host
/// the client called. The emulator's `ARMResponder` serves it over HTTP (sleeping for the
/// latency, closing the connection, damaging bodies); the simulation's wire answers through
/// `EmulatedAnswer.respond`, which comes here for ARM paths without drawing faults.
package enum ARMRouter {
    /// An ARM request as a server or a wire read it.
    package struct Incoming: Sendable {
        package var method: HTTPRequest.Method
        /// The path without the query, e.g. `/providers/Microsoft.Billing/billingAccounts/{name}/customers`.
        package var path: String
        /// The query string without `?` (empty when none).
        package var query: String
        package var headers: HTTPFields
        /// `host[:port]` the client called (for absolute `nextLink`s); nil: the configured host and port.
        package var authority: String?

        package init(method: HTTPRequest.Method, path: String, query: String, headers: HTTPFields, authority: String?) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.authority = authority
        }

        func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
    }

    /// The first half of an answer: which operation, and the faults drawn for it.
    package struct Planned: Sendable {
        /// The operation and its `{name}` values, or the 404/405 reply for a path no operation matches.
        let matched: Result<(route: EmulatorRoute, parameters: [String: String]), ReplyError>
        /// The faults drawn for the request (none for an unmatched path or when not drawn).
        package let plan: FaultPlan
    }

    /// The second half: what goes back.
    package enum Answer: Sendable {
        /// Close the connection without a response (the reset fault).
        case closeConnection
        /// Send this reply (headers complete, `nextLink` absolute); the plan's body faults still apply.
        case reply(EmulatorReply)
    }

    /// Whether a path belongs to ARM (`/providers/…`).
    package static func isARMPath(_ path: String) -> Bool {
        ARMRoutes.isARMPath(path.split(separator: "/"))
    }

    /// Matches the operation and, with `drawFaults`, draws its faults from the state. The server
    /// sleeps for `plan.delay` between this and `answer`.
    package static func plan(_ request: Incoming, state: EmulatorState, drawFaults: Bool) async -> Planned {
        let segments = request.path.split(separator: "/")
        let candidates = ARMRoutes.routes.compactMap { route in route.match(segments).map { (route, $0) } }
        guard let (route, parameters) = candidates.first(where: { $0.0.method == request.method }) else {
            let reply = ARMErrors.unmatched(request.method.rawValue, request.path, methodExists: !candidates.isEmpty)
            return Planned(matched: .failure(ReplyError(reply)), plan: FaultPlan())
        }
        let plan = drawFaults ? await state.drawFaults(isWrite: false, isTokenEndpoint: false) : FaultPlan()
        return Planned(matched: .success((route, parameters)), plan: plan)
    }

    /// The answer under `planned`'s faults: a fault's reply, else the token, 403 and read-budget
    /// checks in that order, then the operation; counted in the state's statistics.
    package static func answer(_ planned: Planned, to request: Incoming, state: EmulatorState) async -> Answer {
        let route: EmulatorRoute
        let parameters: [String: String]
        switch planned.matched {
        case .failure(let unmatched):
            await state.recordRequest(route: EmulatorState.armUnmatchedOperation, status: Int(unmatched.reply.status.code))
            return .reply(await finish(unmatched.reply, request: request, state: state))
        case .success(let found):
            (route, parameters) = found
        }
        let reply: EmulatorReply
        switch planned.plan.outcome {
        case .connectionReset:
            await state.recordRequest(route: route.name, status: 0)
            return .closeConnection
        case .tooManyRequests(let retryAfter):
            reply = ARMErrors.tooManyRequests(retryAfter: retryAfter)
        case .internalServerError:
            reply = ARMErrors.internalServerError()
        case .serviceUnavailable:
            reply = ARMErrors.serviceUnavailable()
        default:
            let call = EmulatorRequest(method: request.method, pathParameters: parameters,
                                       query: FormEncoding.decode(request.query), headers: request.headers, body: Data(),
                                       state: state, configuration: state.configuration)
            if let refusal = await admission(call) {
                reply = refusal
            } else {
                reply = await route.handler(call)
            }
        }
        await state.recordRequest(route: route.name, status: Int(reply.status.code))
        return .reply(await finish(reply, request: request, state: state))
    }

    /// The token (401), the 403 switch and the tenant read budget (429), in that order.
    private static func admission(_ call: EmulatorRequest) async -> EmulatorReply? {
        let state = call.state
        let access = await state.checkAccess(authorization: call.header("Authorization"))
        guard access == .valid else { return ARMErrors.unauthorized(access) }
        if await state.isForbidden { return ARMErrors.forbidden() }
        if let retryAfter = await state.takeARMRead() { return ARMErrors.tooManyRequests(retryAfter: retryAfter) }
        return nil
    }

    /// Adds the ARM headers and makes `nextLink` absolute.
    private static func finish(_ reply: EmulatorReply, request: Incoming, state: EmulatorState) async -> EmulatorReply {
        var reply = reply
        reply.headers.append(("x-ms-request-id", UUID().uuidString.lowercased()))
        reply.headers.append(("x-ms-correlation-request-id",
                              request.header("x-ms-correlation-request-id") ?? UUID().uuidString.lowercased()))
        if request.header("x-ms-return-client-request-id")?.lowercased() == "true",
           let clientRequestID = request.header("x-ms-client-request-id") {
            reply.headers.append(("x-ms-client-request-id", clientRequestID))
        }
        reply.headers.append(("x-ms-ratelimit-remaining-tenant-reads", String(await state.armRemainingTenantReads())))
        if case .object(var members) = reply.body, let link = members["nextLink"]?.stringValue, link.hasPrefix("/") {
            let configuration = state.configuration
            let authority = request.authority ?? "\(configuration.host):\(configuration.port)"
            members["nextLink"] = .string("http://\(authority)\(link)")
            reply.body = .object(members)
        }
        return reply
    }
}
