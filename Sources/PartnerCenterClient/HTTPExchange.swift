import Foundation
import NIOHTTP1

/// The bottom of a REST client's transport: sends one request and reads the whole response, or
/// fails with a `PartnerCenterError` (a transport problem is `transient`). Everything above it —
/// tokens, the limiter, permits, retries, headers and error parsing — is the client's own; below
/// it is the wire: ``AsyncHTTPClientExchange`` in production, a scripted or simulated wire in
/// tests (as swift-nio's `EmbeddedChannel` runs a real pipeline over no socket).
public protocol HTTPExchange: Sendable {
    /// Performs one attempt of `request`; `requestID` and `correlationID` go into the error of a
    /// failed attempt.
    func perform(_ request: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse
}

/// One HTTP request as sent: method, absolute URL, headers and body.
public struct RawRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The absolute URL.
    public var url: String
    /// The request headers.
    public var headers: HTTPHeaders
    /// The body, if any.
    public var body: Data?

    /// Creates a request.
    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP response, fully read.
public struct RawResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The complete body.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
