import Foundation
import HTTPTypes
import PartnerCenterModels

/// An answer of the emulator as HTTP without a server: the status, the headers and the body bytes
/// it sends. The simulation's wire answers its requests through these (`respond(to:in:)` runs the
/// emulator's own router), so the emulator's routes and the simulation share one mapping from a
/// state result to a response (error codes, texts and headers included) and the real client reads both.
public struct EmulatedAnswer: Sendable {
    /// HTTP status code.
    public let status: Int
    /// The headers: from `respond(to:in:)` the common ones (request ids) and the route's own; from
    /// the fault answers only the route's own (e.g. `Retry-After`).
    public let headers: [(String, String)]
    /// The body as sent (canonical JSON), empty when there is none.
    public let body: Data

    init(_ reply: EmulatorReply, headers: [(String, String)]? = nil) {
        status = reply.status.code
        self.headers = headers ?? reply.headers
        body = reply.body.map { $0.canonicalData() } ?? Data()
    }

    /// The emulator's answer to `request` as its routes give it (route lookup, the API routes'
    /// token, 403 and rate-limit checks, the handler) with the headers every answer carries; no
    /// fault is drawn (the caller applies its own); the request is counted as the HTTP server counts
    /// it (`requestCount`). The simulation's wire and the engine tests' in-memory wire answer through this.
    /// An ARM path (`/providers/…`) is answered by `ARMRouter` (ARM's checks, headers and
    /// absolute `nextLink`s on `request.authority`), as the emulator's `ARMResponder` does.
    public static func respond(to request: EmulatedRequest, in state: EmulatorState) async -> EmulatedAnswer {
        let configuration = state.configuration
        let method = HTTPRequest.Method(request.method) ?? .get
        var fields = HTTPFields()
        for (name, value) in request.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        if ARMRouter.isARMPath(request.path) {
            let incoming = ARMRouter.Incoming(method: method, path: request.path, query: request.query, headers: fields,
                                              authority: request.authority)
            let planned = await ARMRouter.plan(incoming, state: state, drawFaults: false)
            switch await ARMRouter.answer(planned, to: incoming, state: state) {
            case .reply(let reply): return EmulatedAnswer(reply)
            case .closeConnection: return EmulatedAnswer(.serviceUnavailable)  // not drawn: no fault without a plan
            }
        }
        let header: (String) -> String? = { name in HTTPField.Name(name).flatMap { fields[$0] } }
        switch EmulatorRouter.match(EmulatorRouter.routes, method: method, path: request.path) {
        case .failure(let unmatched):
            await state.recordRequest(route: "UNMATCHED", status: Int(unmatched.reply.status.code))
            return EmulatedAnswer(unmatched.reply, headers: EmulatorRouter.headers(of: unmatched.reply, kind: .api, requestHeader: header))
        case .success(let (route, parameters)):
            let parsed = EmulatorRequest(method: method, pathParameters: parameters, query: FormEncoding.decode(request.query),
                                         headers: fields, body: request.body, state: state, configuration: configuration)
            let reply = await EmulatorRouter.answer(route, parsed)
            await state.recordRequest(route: route.name, status: Int(reply.status.code))
            return EmulatedAnswer(reply, headers: EmulatorRouter.headers(of: reply, kind: route.kind, requestHeader: header))
        }
    }

    /// The 429 the emulator's throttling fault and rate limit answer, with `Retry-After`.
    public static func tooManyRequests(retryAfter: Int) -> EmulatedAnswer {
        EmulatedAnswer(.tooManyRequests(retryAfter: retryAfter))
    }

    /// The 503 of the emulator's unavailable fault.
    public static var serviceUnavailable: EmulatedAnswer { EmulatedAnswer(.serviceUnavailable) }

    /// The token endpoint's answer to a refresh token that expired or was revoked (400 `invalid_grant`).
    public static var refreshTokenRevoked: EmulatedAnswer { EmulatedAnswer(TokenRoutes.revoked) }

    /// ARM's throttling answer (429 `TooManyRequests` with `Retry-After`), as `ARMRouter` gives its fault.
    public static func armTooManyRequests(retryAfter: Int) -> EmulatedAnswer {
        EmulatedAnswer(ARMErrors.tooManyRequests(retryAfter: retryAfter))
    }

    /// ARM's 503 `ServiceUnavailable`, as `ARMRouter` gives its fault.
    public static var armServiceUnavailable: EmulatedAnswer { EmulatedAnswer(ARMErrors.serviceUnavailable()) }

    /// ARM's answer to an access token that is no longer accepted (401 `ExpiredAuthenticationToken`).
    public static var armAccessTokenExpired: EmulatedAnswer { EmulatedAnswer(ARMErrors.unauthorized(.expired)) }

    /// An API route's answer to an access token that is no longer accepted (401 with its challenge).
    public static var accessTokenExpired: EmulatedAnswer {
        EmulatedAnswer(EmulatorRouter.unauthorized(code: 400, "Access denied: the access token has expired.", error: "invalid_token"))
    }
}

/// A request for ``EmulatedAnswer/respond(to:in:)``: what came over a wire.
public struct EmulatedRequest: Sendable {
    /// The method, e.g. `GET`.
    public var method: String
    /// The path, e.g. `/v1/customers/{id}` (no query).
    public var path: String
    /// The query string without `?` (empty when none).
    public var query: String
    /// The headers as sent.
    public var headers: [(String, String)]
    /// The body as sent.
    public var body: Data
    /// `host[:port]` the request was sent to (ARM's absolute `nextLink`s point there); nil: the
    /// emulator's configured host and port.
    public var authority: String?

    /// Creates a request.
    public init(method: String, path: String, query: String, headers: [(String, String)], body: Data,
                authority: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.authority = authority
    }
}
