import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import PartnerCenterClient
import PartnerCenterModels

extension AzureBillingClient {
    /// Sends one logical GET with retries: the same `x-ms-client-request-id` for every attempt,
    /// 429 closes the limiter for `Retry-After`, 503 and other transient failures back off (or wait
    /// `Retry-After`), a 401 refreshes the token once.
    func send(_ request: ARMRequest, correlationID: UUID) async throws(PartnerCenterError) -> ARMResponse {
        let ids = (request: UUID().uuidString.lowercased(), correlation: correlationID.uuidString.lowercased())
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
                    ? Duration.zero  // the limiter stays closed until Retry-After
                    : configuration.retry.delay(retry: attempt, retryAfter: failure.retryAfter)
                logger.warning("ARM call failed, retrying", metadata: [
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

    private func attemptOnce(_ request: ARMRequest, ids: (request: String, correlation: String),
                             attempt: Int) async throws(PartnerCenterError) -> ARMResponse {
        try await permits.withPermit { () async throws(PartnerCenterError) -> ARMResponse in
            try await self.pacer.waitForSlot()
            try await self.limiter.acquire()
            let token = try await self.tokens.token()
            var http = HTTPClientRequest(url: request.url)
            http.method = .GET
            http.headers.add(name: "Authorization", value: "Bearer \(token)")
            http.headers.add(name: "Accept", value: "application/json")
            http.headers.add(name: "x-ms-client-request-id", value: ids.request)
            http.headers.add(name: "x-ms-correlation-request-id", value: ids.correlation)
            let started = ContinuousClock.now
            let raw: RawResponse
            do throws(PartnerCenterError) {
                raw = try await self.exchange.perform(http, requestID: ids.request, correlationID: ids.correlation)
            } catch {
                self.count(route: request.route, status: "error")
                self.log(request, ids: ids, attempt: attempt, raw: nil, started: started, error: error)
                throw error
            }
            self.count(route: request.route, status: String(raw.status))
            await self.observeRemainingReads(raw)
            do throws(PartnerCenterError) {
                let response = try self.interpret(raw, ids: ids)
                self.log(request, ids: ids, attempt: attempt, raw: raw, started: started, error: nil)
                return response
            } catch {
                if error.kind == .unauthorized { await self.tokens.invalidate(token) }
                if error.kind == .rateLimited {
                    let pause = error.retryAfter ?? self.configuration.retry.delay(retry: attempt, retryAfter: nil)
                    await self.limiter.pause(for: pause)
                    await self.healthState.recordPause(until: Date().addingTimeInterval(pause.secondsValue))
                }
                self.log(request, ids: ids, attempt: attempt, raw: raw, started: started, error: error)
                throw error
            }
        }
    }

    private func observeRemainingReads(_ raw: RawResponse) async {
        let header = raw.headers.first(name: "x-ms-ratelimit-remaining-tenant-reads")
        guard let spacing = await pacer.observe(remainingHeader: header) else { return }
        if spacing > .zero {
            logger.notice("few ARM tenant reads remain, spacing requests", metadata: [
                "remaining_tenant_reads": "\(header ?? "")", "spacing_s": "\(spacing.secondsText)",
            ])
        } else {
            logger.info("ARM tenant reads recovered, pacing off", metadata: ["remaining_tenant_reads": "\(header ?? "")"])
        }
    }

    private func interpret(_ raw: RawResponse, ids: (request: String, correlation: String)) throws(PartnerCenterError) -> ARMResponse {
        let serverID = raw.headers.first(name: "x-ms-request-id")
        guard (200..<300).contains(raw.status) else {
            var failure = PartnerCenterError.fromResponse(status: raw.status, body: raw.body,
                                                          retryAfterHeader: raw.headers.first(name: "Retry-After"),
                                                          requestID: ids.request, correlationID: ids.correlation)
            if let serverID { failure.message += " [x-ms-request-id \(serverID)]" }
            throw failure
        }
        guard let json = try? JSONValue(parsing: raw.body), json.objectValue != nil else {
            throw PartnerCenterError(kind: .invalidResponse, status: raw.status,
                                     message: "HTTP \(raw.status) body is not a JSON object (\(raw.body.count) bytes)",
                                     requestID: ids.request, correlationID: ids.correlation)
        }
        return ARMResponse(status: raw.status, json: json, serverRequestID: serverID)
    }

    private func count(route: String, status: String) {
        Counter(label: "azure_billing_requests_total", dimensions: [("route", route), ("status", status)]).increment()
    }

    private func log(_ request: ARMRequest, ids: (request: String, correlation: String), attempt: Int,
                     raw: RawResponse?, started: ContinuousClock.Instant, error: PartnerCenterError?) {
        var metadata: Logger.Metadata = [
            "route": "\(request.route)", "client_request_id": "\(ids.request)", "correlation_id": "\(ids.correlation)",
            "attempt": "\(attempt)", "duration_ms": "\(started.duration(to: .now).secondsValue * 1000)",
        ]
        if let raw {
            metadata["status"] = "\(raw.status)"
            if let id = raw.headers.first(name: "x-ms-request-id") { metadata["ms_request_id"] = "\(id)" }
            if let id = raw.headers.first(name: "x-ms-correlation-request-id") { metadata["ms_correlation_request_id"] = "\(id)" }
        }
        if let error {
            metadata["error"] = "\(error)"
            logger.notice("ARM call failed", metadata: metadata)
        } else {
            logger.debug("ARM call", metadata: metadata)
        }
    }
}
