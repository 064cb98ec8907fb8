import Foundation
import PartnerCenterModels

/// One logical ARM GET: the URL and a low-cardinality route label for logs and metrics.
struct ARMRequest: Sendable {
    var url: String
    /// E.g. `Customers_Get`.
    var route: String
}

/// A successful ARM response: the parsed JSON and the server's request id.
struct ARMResponse: Sendable {
    var status: Int
    var json: JSONValue
    var serverRequestID: String?
}
