import EmulatorCore
import Foundation
import NIOHTTP1
import PartnerCenterClient
import PartnerCenterModels

/// One request on the `SimulatedWire`, read as the service reads it: path, query, headers, and
/// which call it is (for the network's labels and the oracle's records).
struct WireCall: Sendable {
    /// The calls the oracle records.
    enum Route: Sendable {
        case putProfile(CustomerID)
        case validateAddress
        case rules
        case other
    }

    let request: RawRequest
    /// The request as the emulator's routes take it.
    let emulated: EmulatedRequest
    let route: Route
    /// A short label for the trace, e.g. `PUT profile 0b6a8f7e`.
    let label: String

    init(_ request: RawRequest) {
        self.request = request
        emulated = EmulatedRequest(method: request.method.rawValue, url: request.url,
                                   headers: request.headers.map { ($0.name, $0.value) }, body: request.body ?? Data())
        let path = emulated.path
        let segments = path.split(separator: "/").map(String.init)
        let method = emulated.method
        let customer = segments.count >= 3 && segments[1] == "customers" ? CustomerID(segments[2]) : nil
        let short = customer.map { String($0.rawValue.prefix(8)) } ?? ""
        switch (method, segments.dropFirst().first ?? "", segments.count) {
        case ("PUT", "customers", 5):
            route = customer.map(Route.putProfile) ?? .other
            label = "PUT profile \(short)"
        case ("POST", "validations", _):
            route = .validateAddress
            label = "POST validate address"
        case ("GET", "countryvalidationrules", _):
            route = .rules
            label = "GET rules \(segments.last ?? "")"
        case ("GET", "customers", 5):
            route = .other
            label = "GET profile \(short)"
        case ("GET", "customers", 3):
            route = .other
            label = "GET customer \(short)"
        case ("GET", "Microsoft.Billing", _) where segments.first == "providers":
            route = .other
            label = "GET ARM \(segments.dropFirst(3).first ?? "")\(segments.count > 5 ? " \(segments[5].prefix(8))" : "") customers"
        default:
            route = .other
            label = path.hasSuffix("/token") ? "POST token" : "\(method) \(segments.dropFirst().first ?? path)"
        }
    }

    /// True for a request to Azure Resource Manager (`/providers/…`).
    var isARM: Bool { path.hasPrefix("/providers/") }

    /// True for a request to the Entra ID token endpoint.
    var isTokenRequest: Bool { path.hasSuffix("/token") }

    /// A request header by name.
    func header(_ name: String) -> String? { request.headers.first(name: name) }

    /// The form fields of a token request.
    var form: [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body ?? Data(), as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// A 503 in the called service's words (ARM's error shape or Partner Center's).
    var serviceUnavailable: EmulatedAnswer { isARM ? .armServiceUnavailable : .serviceUnavailable }

    /// A 429 with `Retry-After` in the called service's words.
    func tooManyRequests(retryAfter: Int) -> EmulatedAnswer {
        isARM ? .armTooManyRequests(retryAfter: retryAfter) : .tooManyRequests(retryAfter: retryAfter)
    }

    /// The answer while the app's credentials are revoked: the token endpoint refuses the refresh
    /// token, an API refuses the access token (in its own words).
    var credentialsRefused: EmulatedAnswer {
        isTokenRequest ? .refreshTokenRevoked : isARM ? .armAccessTokenExpired : .accessTokenExpired
    }

    /// The path, e.g. `/v1/customers/{id}/profiles/billing`.
    var path: String { emulated.path }
}
