import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

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
    /// AsyncHTTPClient's own deadline covers the request until the response head; the body is read
    /// under the same deadline by a timer on the client's event loop that cancels the exchange.
    /// A NIO timer is removed from its loop the moment it is cancelled, whereas a cancelled
    /// `Task.sleep` stays queued until its deadline: at 1,000 requests/s and a 60 s timeout that
    /// was tens of thousands of dead timers, and the process's memory grew with rate × timeout.
    public func perform(_ raw: RawRequest, requestID: String?, correlationID: String?) async throws(PartnerCenterError) -> RawResponse {
        var request = HTTPClientRequest(url: raw.url)
        request.method = raw.method
        request.headers = raw.headers
        if let body = raw.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let client = httpClient
        let limit = maxResponseBytes
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanosecondsClamped)
        let exchange = Task { () async throws -> RawResponse in
            let response = try await client.execute(request, deadline: deadline)
            let buffer = try await response.body.collect(upTo: limit)
            return RawResponse(status: Int(response.status.code), headers: response.headers,
                               body: Data(buffer.readableBytesView))
        }
        let expiry = DeadlineExpiry()
        let timer = client.eventLoopGroup.any().scheduleTask(deadline: deadline) {
            expiry.expire()
            exchange.cancel()
        }
        defer { timer.cancel() }
        let result = await withTaskCancellationHandler {
            await exchange.result
        } onCancel: {
            exchange.cancel()
        }
        switch result {
        case .success(let response):
            return response
        case .failure(let error):
            let cause = expiry.hasExpired && !Task.isCancelled ? HTTPClientError.deadlineExceeded : error
            throw Self.classify(cause, timeout: timeout, limit: limit, requestID: requestID, correlationID: correlationID)
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

/// Set once by the deadline timer of one exchange, so its cancellation is reported as a timeout.
private final class DeadlineExpiry: Sendable {
    private let expired = Atomic<Bool>(false)

    func expire() { expired.store(true, ordering: .releasing) }

    var hasExpired: Bool { expired.load(ordering: .acquiring) }
}
