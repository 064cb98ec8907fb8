import Foundation
import HTTPTypes
import PartnerCenterModels

/// What a route handler gets: the parsed request plus the emulator it runs in.
package struct EmulatorRequest: Sendable {
    let method: HTTPRequest.Method
    /// Values of `{name}` segments of the route pattern.
    let pathParameters: [String: String]
    /// Percent-decoded query parameters (last value wins).
    let query: [String: String]
    let headers: HTTPFields
    let body: Data
    let state: EmulatorState
    let configuration: EmulatorConfiguration

    /// A request as the server (or the simulated wire) parsed it, for the emulator `state`.
    package init(method: HTTPRequest.Method, pathParameters: [String: String], query: [String: String],
                 headers: HTTPFields, body: Data, state: EmulatorState, configuration: EmulatorConfiguration) {
        self.method = method
        self.pathParameters = pathParameters
        self.query = query
        self.headers = headers
        self.body = body
        self.state = state
        self.configuration = configuration
    }

    /// A request header by name (case-insensitive).
    package func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The body parsed as JSON; nil when empty or not JSON.
    var jsonBody: JSONValue? {
        body.isEmpty ? nil : try? JSONValue(parsing: body)
    }

    /// The body as `application/x-www-form-urlencoded` fields.
    var formBody: [String: String] {
        FormEncoding.decode(String(decoding: body, as: UTF8.self))
    }
}

/// `application/x-www-form-urlencoded` parsing (also used for query strings).
package enum FormEncoding {
    /// The fields of `text` (`a=1&b=2`), percent- and `+`-decoded; the last value of a key wins.
    package static func decode(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(parts[0])
            fields[key] = parts.count > 1 ? unescape(parts[1]) : ""
        }
        return fields
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
