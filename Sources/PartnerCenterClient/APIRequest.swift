import AsyncHTTPClient
import Foundation
import NIOHTTP1
import PartnerCenterModels

/// One logical REST call: what to send and the route label used in logs and metrics.
public struct APIRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The absolute URL.
    public var url: String
    /// A low-cardinality label such as `GET /v1/customers/{id}/profiles/billing` or `Customers_Get`.
    public var route: String
    /// Headers of this call; they replace any of the same name set by the transport.
    public var headers: [(name: String, value: String)]
    /// A JSON body (sent with `Content-Type: application/json`).
    public var body: Data?
    /// A 2xx with an empty body is an answer (read as JSON `null`), not an invalid response:
    /// the older address-validation contract says "valid" that way.
    public var allowsEmptyBody = false
    /// The body of an answer the caller already holds (a mirrored billing profile): a 2xx body
    /// equal to it byte for byte is handed over unparsed (`APIResponse.isKnownBody`); any other
    /// body is parsed and checked as usual (a damaged one is an invalid response, retried).
    public var knownBody: Data?
    /// A member of the answer's top-level object whose array elements are wanted exactly as sent
    /// (`items` of a collection page): their byte ranges come back as `APIResponse.elementRanges`.
    public var elementRangesMember: String?

    /// Creates a request.
    public init(method: HTTPMethod, url: String, route: String,
                headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.route = route
        self.headers = headers
        self.body = body
    }
}

/// A successful response: the parsed JSON and the exact bytes.
public struct APIResponse: Sendable {
    /// The HTTP status (2xx).
    public var status: Int
    /// The parsed body (`.null` when it was not parsed: empty, or `isKnownBody`).
    public var json: JSONValue
    /// The body exactly as received.
    public var raw: Data
    /// The body exactly as received, as UTF-8 text (what a mirrored resource keeps as its
    /// `receivedText`).
    public var text: String { String(decoding: raw, as: UTF8.self) }
    /// True when the body equals the request's `knownBody`, and so was not parsed.
    public var isKnownBody = false
    /// Where each element of the request's `elementRangesMember` lies in `raw` (byte offsets from
    /// its first byte); empty when not asked for or there is no such array.
    public var elementRanges: [Range<Int>] = []

    /// The text of each element of `elementRanges`, exactly as received; nil unless there is one
    /// range for each of the `count` elements the caller read from `json`.
    public func elementTexts(count: Int) -> [String]? {
        guard elementRanges.count == count else { return nil }
        let base = raw.startIndex
        return elementRanges.map { String(decoding: raw[(base + $0.lowerBound)..<(base + $0.upperBound)], as: UTF8.self) }
    }
}
