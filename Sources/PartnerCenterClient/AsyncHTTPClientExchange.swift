import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The production ``HTTPExchange``: one attempt over AsyncHTTPClient, the whole exchange (head
/// and body) under one deadline, the body capped in size. Every failure becomes a
/// `PartnerCenterError` (transport problems are `transient`, an oversized body is `invalidResponse`).
public struct AsyncHTTPClientExchange: HTTPExchange {
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
    ///
    /// This uses AsyncHTTPClient's future-based `execute(request:delegate:…)` with a
    /// `ResponseAccumulator`: its deadline covers the whole exchange (head and body), its timer is
    /// cancelled with the request, and the body is collected on the connection's event loop. The
    /// `async` API's deadline ends at the response head, so a body deadline there needed a child
    /// task and a timer of our own for every request; this needs neither. (A cancelled
    /// `Task.sleep` would stay queued until its deadline: at 1,000 requests/s and a 60 s timeout
    /// that was tens of thousands of dead timers, and the process's memory grew with rate × timeout.)
    public func perform(_ raw: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        let limit = maxResponseBytes
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanosecondsClamped)
        do {
            let request = try HTTPClient.Request(url: raw.url, method: raw.method, headers: raw.headers,
                                                 body: raw.body.map { .bytes($0) })
            let accumulator = ResponseAccumulator(request: request, maxBodySize: limit)
            let task = httpClient.execute(request: request, delegate: accumulator, eventLoop: .indifferent,
                                          deadline: deadline, logger: nil)
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            let body = response.body.map { Data($0.readableBytesView) } ?? Data()
            return RawResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            throw Self.classify(error, timeout: timeout, limit: limit, requestID: requestID, correlationID: correlationID)
        }
    }

    private static func classify(_ error: any Error, timeout: Duration, limit: Int,
                                 requestID: String?, correlationID: String?) -> PartnerCenterError {
        if Task.isCancelled || error is CancellationError {
            return .cancelled(requestID: requestID, correlationID: correlationID)
        }
        if error is ResponseAccumulator.ResponseTooBigError {
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
