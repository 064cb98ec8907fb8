import Foundation
import NIOHTTP1
import PartnerCenterClient
import Synchronization

/// A wire with no socket below a real client (as swift-nio's `EmbeddedChannel`): every request
/// the client's transport sends is recorded as sent, and answered by the test's script.
final class ScriptedWire: HTTPExchange {
    /// One request as it reached the wire.
    struct Sent: Sendable {
        let request: RawRequest
        /// The form fields of a token request (empty for an API call).
        var form: [String: String] {
            guard let body = request.body else { return [:] }
            var fields: [String: String] = [:]
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
        var isTokenRequest: Bool { request.url.hasSuffix("/token") }
        func header(_ name: String) -> String? { request.headers.first(name: name) }
    }

    private let log = Mutex<[Sent]>([])
    private let script: @Sendable (Sent) -> RawResponse

    init(_ script: @escaping @Sendable (Sent) -> RawResponse) {
        self.script = script
    }

    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let sent = Sent(request: request)
        log.withLock { $0.append(sent) }
        return script(sent)
    }

    /// Everything sent so far, in order.
    var sent: [Sent] { log.withLock { $0 } }
    /// The API calls sent so far (token requests left out).
    var apiCalls: [Sent] { sent.filter { !$0.isTokenRequest } }
    /// The token requests sent so far.
    var tokenRequests: [Sent] { sent.filter(\.isTokenRequest) }

    /// A JSON answer.
    static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> RawResponse {
        var fields = HTTPHeaders(headers)
        fields.add(name: "Content-Type", value: "application/json")
        return RawResponse(status: status, headers: fields, body: Data(text.utf8))
    }

    /// A token endpoint's success, with a rotated refresh token when given.
    static func token(_ access: String, refreshToken: String? = nil, expiresIn: Int = 3600) -> RawResponse {
        let refresh = refreshToken.map { #", "refresh_token": "\#($0)""# } ?? ""
        return json(200, #"{"token_type": "Bearer", "access_token": "\#(access)", "expires_in": \#(expiresIn)\#(refresh)}"#)
    }
}
