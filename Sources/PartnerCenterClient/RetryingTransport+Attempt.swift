import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import PartnerCenterModels

extension RetryingTransport {
    /// One attempt: hooks, limiter, then under a permit token, exchange, metrics, interpretation
    /// and the reactions to 401 (forget the token) and 429 (close the shared limiter).
    ///
    /// The token of the rate comes before the permit: a permit then bounds the requests actually
    /// in flight, not callers waiting for the rate. (Held while waiting, the permits were all taken
    /// by reconcile fetches queued in the limiter during a load, and a push's request waited for
    /// one of them to finish before it could even ask for the rate.) A request whose permit came
    /// after a 429 closed the limiter, or whose token came after one, goes back to the rate's queue
    /// instead of being sent (found by the simulation over the wire, seed 38: requests waiting for a
    /// token refresh went out while another worker's `Retry-After` ran).
    func attemptOnce(_ request: APIRequest, ids: TransportIDs, attempt: Int) async throws(PartnerCenterError) -> APIResponse {
        try await hooks.beforeAttempt()
        while true {
            try await limiter.acquire(priority: RequestPriority.current)
            let response = try await permits.withPermit { () async throws(PartnerCenterError) -> APIResponse? in
                guard await self.limiter.remainingPause == .zero else { return nil }
                let token = try await self.tokens.token()
                // The wait for a token (a refresh) may have outlasted a 429 of another worker.
                guard await self.limiter.remainingPause == .zero else { return nil }
                return try await self.sendHoldingPermit(request, token: token, ids: ids, attempt: attempt)
            }
            if let response { return response }
        }
    }

    /// The attempt itself, under a permit with a token: exchange, metrics, interpretation and reactions.
    private func sendHoldingPermit(_ request: APIRequest, token: String, ids: TransportIDs,
                                   attempt: Int) async throws(PartnerCenterError) -> APIResponse {
        let started = clock.elapsed()
        let raw: RawResponse
        do throws(PartnerCenterError) {
            raw = try await exchange.perform(httpRequest(request, token: token, ids: ids),
                                                  requestID: ids.request, correlationID: ids.correlation)
        } catch {
            count(route: request.route, status: nil, started: started)
            log(request, ids: ids, attempt: attempt, raw: nil, started: started, error: error)
            throw error
        }
        count(route: request.route, status: raw.status, started: started)
        await hooks.afterResponse(raw)
        do throws(PartnerCenterError) {
            let response = try interpret(raw, ids: ids, request: request)
            log(request, ids: ids, attempt: attempt, raw: raw, started: started, error: nil)
            return response
        } catch {
            if error.kind == .unauthorized { await tokens.invalidate(token) }
            if error.kind == .rateLimited {
                // Close the shared limiter before this permit is released, so no other worker
                // slips a request in between.
                let asked = error.retryAfter
                let pause = asked.map(retry.capped) ?? clock.delay(retry, retry: attempt, retryAfter: nil)
                if let asked, asked > pause {
                    logger.warning("\(dialect.serviceName) asked to wait longer than the cap; waiting the cap", metadata: [
                        "route": "\(request.route)", "retry_after_s": "\(asked.secondsText)",
                        "waiting_s": "\(pause.secondsText)",
                    ])
                }
                if await limiter.pause(for: pause) {
                    let rate = await limiter.currentRequestsPerMinute
                    logger.warning("\(dialect.serviceName) answered 429: every request waits, then goes on at a lower rate", metadata: [
                        "route": "\(request.route)", "pause_s": "\(pause.secondsText)",
                        "requests_per_minute": "\(rate.map { "\(Int($0))" } ?? "unlimited")",
                    ])
                }
                await health.recordPause(until: Date().addingTimeInterval(pause.seconds))
            }
            log(request, ids: ids, attempt: attempt, raw: raw, started: started, error: error)
            throw error
        }
    }

    private func httpRequest(_ request: APIRequest, token: String, ids: TransportIDs) -> RawRequest {
        var http = RawRequest(method: request.method, url: request.url)
        http.headers.add(name: "Authorization", value: "Bearer \(token)")
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: dialect.requestIDHeader, value: ids.request)
        http.headers.add(name: dialect.correlationIDHeader, value: ids.correlation)
        for header in dialect.fixedHeaders { http.headers.add(name: header.name, value: header.value) }
        for header in request.headers { http.headers.replaceOrAdd(name: header.name, value: header.value) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = body
        }
        return http
    }

    private func interpret(_ raw: RawResponse, ids: TransportIDs,
                           request: APIRequest) throws(PartnerCenterError) -> APIResponse {
        guard (200..<300).contains(raw.status) else {
            var failure = PartnerCenterError.fromResponse(status: raw.status, body: raw.body,
                                                          retryAfterHeader: raw.headers.first(name: "Retry-After"),
                                                          requestID: ids.request, correlationID: ids.correlation)
            if let header = dialect.serverRequestIDHeader, let serverID = raw.headers.first(name: header) {
                failure.message += " [\(header) \(serverID)]"
            }
            throw failure
        }
        if request.allowsEmptyBody, raw.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return APIResponse(status: raw.status, json: .null, raw: raw.body)
        }
        // The bytes of an answer the caller holds (and parsed when it got them): nothing to check.
        if let known = request.knownBody, !raw.body.isEmpty, raw.body == known {
            return APIResponse(status: raw.status, json: .null, raw: raw.body, isKnownBody: true)
        }
        guard let (json, ranges) = try? JSONParser.parse(raw.body, elementRangesOf: request.elementRangesMember),
              !dialect.requiresJSONObject || json.objectValue != nil else {
            let expected = dialect.requiresJSONObject ? "a JSON object" : "valid JSON"
            throw PartnerCenterError(kind: .invalidResponse, status: raw.status,
                                     message: "HTTP \(raw.status) body is not \(expected) (\(raw.body.count) bytes)",
                                     requestID: ids.request, correlationID: ids.correlation)
        }
        return APIResponse(status: raw.status, json: json, raw: raw.body, elementRanges: ranges)
    }

    private func count(route: String, status: Int?, started: Duration) {
        HTTPMetricNames.recordAttempt(service: dialect.metricsService, route: route, status: status,
                                      duration: clock.elapsed() - started)
    }

    private func log(_ request: APIRequest, ids: TransportIDs, attempt: Int, raw: RawResponse?,
                     started: Duration, error: PartnerCenterError?) {
        // Successful calls are logged at debug only: skip building their metadata otherwise.
        guard error != nil || logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = [
            "route": "\(request.route)", dialect.requestIDLogKey: "\(ids.request)", "correlation_id": "\(ids.correlation)",
            "attempt": "\(attempt)", "duration_ms": "\((clock.elapsed() - started).seconds * 1000)",
        ]
        if let raw {
            metadata["status"] = "\(raw.status)"
            for logged in dialect.loggedResponseHeaders {
                if let value = raw.headers.first(name: logged.header) { metadata[logged.key] = "\(value)" }
            }
        }
        if let error {
            metadata["error"] = "\(error)"
            logger.notice("\(dialect.serviceName) call failed", metadata: metadata)
        } else {
            logger.debug("\(dialect.serviceName) call", metadata: metadata)
        }
    }
}
