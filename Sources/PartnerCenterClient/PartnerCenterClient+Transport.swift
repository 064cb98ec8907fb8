import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import PartnerCenterModels

extension PartnerCenterClient {
    /// Sends one logical call with retries. The same `MS-RequestId` is used for every attempt
    /// of the call; transient failures back off with full jitter (or wait `Retry-After`); a 429
    /// closes the shared limiter for everyone; a 401 triggers one token refresh.
    func send(_ request: APIRequest, requestID: UUID = UUID(), correlationID: UUID) async throws(PartnerCenterError) -> APIResponse {
        let ids = (request: requestID.uuidString.lowercased(), correlation: correlationID.uuidString.lowercased())
        var attempt = 1
        var refreshedToken = false
        while true {
            do {
                let response = try await attemptOnce(request, ids: ids, attempt: attempt)
                await healthState.recordSuccess()
                return response
            } catch {
                await healthState.recordFailure(error)
                var failure = error
                if failure.kind == .unauthorized {
                    if !refreshedToken {
                        refreshedToken = true
                        continue
                    }
                    failure.kind = .credential
                    failure.message = "access denied with a freshly obtained token: \(failure.message)"
                }
                guard failure.isRetryable, attempt < configuration.retry.maxAttempts, !Task.isCancelled else {
                    throw failure
                }
                let delay = failure.kind == .rateLimited
                    ? Duration.zero  // the limiter holds every worker until Retry-After
                    : configuration.retry.delay(retry: attempt, retryAfter: failure.retryAfter)
                logger.warning("Partner Center call failed, retrying", metadata: [
                    "route": "\(request.route)", "error": "\(failure)", "attempt": "\(attempt)",
                    "retry_in_s": "\(delay.secondsText)",
                ])
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw .cancelled(requestID: ids.request, correlationID: ids.correlation)
                }
                attempt += 1
            }
        }
    }

    private func attemptOnce(_ request: APIRequest, ids: (request: String, correlation: String),
                             attempt: Int) async throws(PartnerCenterError) -> APIResponse {
        try await permits.withPermit { () async throws(PartnerCenterError) -> APIResponse in
            try await self.limiter.acquire()
            let token = try await self.tokens.token()
            let started = ContinuousClock.now
            let raw: RawResponse
            do throws(PartnerCenterError) {
                raw = try await self.exchange.perform(self.httpRequest(request, token: token, ids: ids),
                                                      requestID: ids.request, correlationID: ids.correlation)
            } catch {
                self.count(route: request.route, status: "error")
                self.log(request, ids: ids, attempt: attempt, status: nil, started: started, error: error)
                throw error
            }
            self.count(route: request.route, status: String(raw.status))
            do throws(PartnerCenterError) {
                let response = try self.interpret(raw, ids: ids)
                self.log(request, ids: ids, attempt: attempt, status: raw.status, started: started, error: nil)
                return response
            } catch {
                if error.kind == .unauthorized { await self.tokens.invalidate(token) }
                if error.kind == .rateLimited {
                    // Close the shared limiter before this permit is released, so no other worker
                    // slips a request in between.
                    let pause = error.retryAfter ?? self.configuration.retry.delay(retry: attempt, retryAfter: nil)
                    await self.limiter.pause(for: pause)
                    await self.healthState.recordPause(until: Date().addingTimeInterval(pause.secondsValue))
                }
                self.log(request, ids: ids, attempt: attempt, status: raw.status, started: started, error: error)
                throw error
            }
        }
    }

    private func httpRequest(_ request: APIRequest, token: String, ids: (request: String, correlation: String)) -> HTTPClientRequest {
        var http = HTTPClientRequest(url: request.url)
        http.method = request.method
        http.headers.add(name: "Authorization", value: "Bearer \(token)")
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "MS-RequestId", value: ids.request)
        http.headers.add(name: "MS-CorrelationId", value: ids.correlation)
        if !configuration.applicationName.isEmpty {
            http.headers.add(name: "MS-PartnerCenter-Application", value: configuration.applicationName)
        }
        for header in request.headers { http.headers.replaceOrAdd(name: header.name, value: header.value) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        return http
    }

    private func interpret(_ raw: RawResponse, ids: (request: String, correlation: String)) throws(PartnerCenterError) -> APIResponse {
        guard (200..<300).contains(raw.status) else {
            throw PartnerCenterError.fromResponse(status: raw.status, body: raw.body,
                                                  retryAfterHeader: raw.headers.first(name: "Retry-After"),
                                                  requestID: ids.request, correlationID: ids.correlation)
        }
        guard let json = try? JSONValue(parsing: raw.body) else {
            throw PartnerCenterError(kind: .invalidResponse, status: raw.status,
                                     message: "HTTP \(raw.status) body is not valid JSON (\(raw.body.count) bytes)",
                                     requestID: ids.request, correlationID: ids.correlation)
        }
        return APIResponse(status: raw.status, json: json, raw: raw.body)
    }

    private func count(route: String, status: String) {
        Counter(label: "partner_center_requests_total", dimensions: [("route", route), ("status", status)]).increment()
    }

    private func log(_ request: APIRequest, ids: (request: String, correlation: String), attempt: Int,
                     status: Int?, started: ContinuousClock.Instant, error: PartnerCenterError?) {
        var metadata: Logger.Metadata = [
            "route": "\(request.route)", "request_id": "\(ids.request)", "correlation_id": "\(ids.correlation)",
            "attempt": "\(attempt)", "duration_ms": "\(started.duration(to: .now).secondsValue * 1000)",
        ]
        if let status { metadata["status"] = "\(status)" }
        if let error {
            metadata["error"] = "\(error)"
            logger.notice("Partner Center call failed", metadata: metadata)
        } else {
            logger.debug("Partner Center call", metadata: metadata)
        }
    }
}
