import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP response, fully read.
public struct RawResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers.
    public var headers: HTTPHeaders
    /// The complete body.
    public var body: Data
}

/// Performs a single HTTP attempt: the whole exchange (head and body) under one deadline, the
/// body capped in size. Every failure becomes a `PartnerCenterError` (transport problems are
/// `transient`, an oversized body is `invalidResponse`).
public struct HTTPExchange: Sendable {
    let httpClient: HTTPClient
    let timeout: Duration
    let maxResponseBytes: Int

    /// Creates an exchange over `httpClient` with a per-attempt deadline and a body size cap.
    public init(httpClient: HTTPClient, timeout: Duration, maxResponseBytes: Int) {
        self.httpClient = httpClient
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Sends `request` and reads the whole response under the deadline.
    public func perform(_ request: HTTPClientRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let client = httpClient
        let timeout = timeout
        let limit = maxResponseBytes
        do {
            return try await withThrowingTaskGroup(of: RawResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanosecondsClamped))
                    let buffer = try await response.body.collect(upTo: limit)
                    let body = Data(buffer.readableBytesView)
                    return RawResponse(status: Int(response.status.code), headers: response.headers, body: body)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw HTTPClientError.deadlineExceeded
                }
                return response
            }
        } catch {
            throw Self.classify(error, timeout: timeout, limit: limit, requestID: requestID, correlationID: correlationID)
        }
    }

    private static func classify(_ error: any Error, timeout: Duration, limit: Int,
                                 requestID: String?, correlationID: String?) -> PartnerCenterError {
        if Task.isCancelled || error is CancellationError {
            return .cancelled(requestID: requestID, correlationID: correlationID)
        }
        if error is NIOTooManyBytesError {
            return PartnerCenterError(kind: .invalidResponse, message: "response body exceeds \(limit) bytes",
                                      requestID: requestID, correlationID: correlationID)
        }
        let message: String
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .deadlineExceeded, .readTimeout:
                message = "no complete response within \(timeout.secondsText)s"
            case .connectTimeout:
                message = "connect timed out"
            case .remoteConnectionClosed:
                message = "the connection was closed before the response was complete"
            default:
                message = "HTTP transport error: \(httpError)"
            }
        } else {
            message = "transport error: \(String(describing: error))"
        }
        return PartnerCenterError(kind: .transient, message: message, requestID: requestID, correlationID: correlationID)
    }
}
