import AsyncHTTPClient
import Foundation
import NIOHTTP1
import PartnerCenterModels

/// One logical Partner Center call: what to send and the route label used in logs and metrics.
struct APIRequest: Sendable {
    var method: HTTPMethod
    var url: String
    /// A low-cardinality label such as `GET /v1/customers/{id}/profiles/billing`.
    var route: String
    var headers: [(name: String, value: String)] = []
    var body: Data?
}

/// A successful response: the parsed JSON and the exact bytes.
struct APIResponse: Sendable {
    var status: Int
    var json: JSONValue
    var raw: Data
}
