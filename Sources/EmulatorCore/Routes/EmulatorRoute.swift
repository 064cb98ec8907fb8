import Foundation
import HTTPTypes

/// One route: method, path pattern with `{name}` segments, a stable name for statistics and
/// which checks apply. New APIs (e.g. ARM) are added as further arrays of routes.
package struct EmulatorRoute: Sendable {
    /// Which cross-cutting checks the responder applies.
    package enum Kind: Sendable {
        /// Partner Center API: bearer token, 403 switch, rate limit, faults.
        case api
        /// Entra ID token endpoint: faults only when `includeTokenEndpoints`.
        case token
        /// `/_emulator` admin: no checks, no faults.
        case admin
    }

    package let method: HTTPRequest.Method
    let segments: [String]
    /// Statistics name, e.g. `GET /v1/customers/{id}` (token endpoints share `POST token`).
    package let name: String
    package let kind: Kind
    package let handler: @Sendable (EmulatorRequest) async -> EmulatorReply

    init(_ method: HTTPRequest.Method, _ pattern: String, kind: Kind, name: String? = nil,
         handler: @escaping @Sendable (EmulatorRequest) async -> EmulatorReply) {
        self.method = method
        self.segments = pattern.split(separator: "/").map(String.init)
        self.name = name ?? "\(method.rawValue) \(pattern)"
        self.kind = kind
        self.handler = handler
    }

    /// The `{name}` values when `path` matches the pattern (ignoring ASCII case of fixed segments).
    package func match(_ path: [Substring]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (pattern, actual) in zip(segments, path) {
            if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                parameters[String(pattern.dropFirst().dropLast())] = String(actual).removingPercentEncoding ?? String(actual)
            } else if pattern.lowercased() != actual.lowercased() {
                return nil
            }
        }
        return parameters
    }
}
