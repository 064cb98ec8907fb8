import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import PartnerCenterModels

/// Obtains and caches access tokens. Tokens are refreshed ahead of expiry, and concurrent
/// callers share one refresh (a single in-flight request): a caller that is cancelled stops
/// waiting at once, and the shared refresh is cancelled only when no caller waits for it any
/// more. Refresh tokens rotated by Entra ID are used for the next refresh and kept in the
/// credentials' ``RefreshTokenStore`` when there is one. No token or secret is ever logged.
public actor TokenProvider {
    /// One shared refresh and the callers waiting for it.
    private struct PendingFetch {
        let id: Int
        let task: Task<Void, Never>
        var waiters: [Int: CheckedContinuation<AccessToken, any Error>] = [:]
    }

    private let credentials: ClientCredentials
    private let exchange: any HTTPExchange
    private let retry: RetryPolicy
    private let logger: Logger
    private let clock: TransportClock
    /// The `service` label of the access-token expiry gauge (the API the tokens are for).
    private let metricsService: String
    /// The newest refresh token this provider obtained (when the store could not keep it).
    private var rotatedInMemory: String?
    private var cached: AccessToken?
    /// Until when Entra ID asked (by `Retry-After`) not to be asked again: every refresh, also the
    /// next one after a refresh that gave up, waits for it.
    private var notBefore: Duration?
    private var pending: PendingFetch?
    private var nextID = 0
    /// How many token requests succeeded (for health and tests).
    public private(set) var refreshCount = 0

    /// Creates a provider for `credentials` (the scope or resource decides which API the tokens
    /// are for). `clock` times the refresh ahead of expiry and the retry back-off.
    public init(credentials: ClientCredentials, exchange: any HTTPExchange, retry: RetryPolicy, logger: Logger,
                clock: some Clock<Duration> = ContinuousClock(), metricsService: String = "partner_center") {
        self.init(credentials: credentials, exchange: exchange, retry: retry, logger: logger,
                  clock: TransportClock(clock), metricsService: metricsService)
    }

    /// Creates a provider timed by a transport's clock (its refresh task runs on the clock's executor).
    public init(credentials: ClientCredentials, exchange: any HTTPExchange, retry: RetryPolicy, logger: Logger,
                clock: TransportClock, metricsService: String = "partner_center") {
        self.credentials = credentials
        self.metricsService = metricsService
        self.exchange = exchange
        self.retry = retry
        self.logger = logger
        self.clock = clock
    }

    /// A token valid for a while yet, fetching one if needed.
    public func token() async throws(PartnerCenterError) -> String {
        if let fresh = freshToken() { return fresh.value }
        let waiter = makeID()
        do {
            let token = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<AccessToken, any Error>) in
                    join(waiter, continuation)
                }
            } onCancel: {
                Task(executorPreference: clock.executor) { await self.leave(waiter) }
            }
            return token.value
        } catch let error as PartnerCenterError {
            throw error
        } catch {
            throw .cancelled()
        }
    }

    /// How many callers wait for the refresh in flight (0 when none is).
    var waitingCallers: Int { pending?.waiters.count ?? 0 }

    /// Forgets `token` after the service refused it (401), so the next call fetches a new one.
    public func invalidate(_ token: String) {
        if cached?.value == token { cached = nil }
    }

    private func freshToken() -> AccessToken? {
        guard let cached, clock.elapsed() < cached.refreshAt else { return nil }
        return cached
    }

    private func makeID() -> Int {
        nextID += 1
        return nextID
    }

    /// Adds a waiter to the shared refresh, starting one if none is in flight.
    private func join(_ waiter: Int, _ continuation: CheckedContinuation<AccessToken, any Error>) {
        if Task.isCancelled { return continuation.resume(throwing: CancellationError()) }
        if let fresh = freshToken() { return continuation.resume(returning: fresh) }
        if pending == nil {
            let id = makeID()
            pending = PendingFetch(id: id, task: Task(executorPreference: clock.executor) { await self.runFetch(id) })
        }
        pending?.waiters[waiter] = continuation
    }

    /// A waiter was cancelled: it stops waiting now; the refresh goes on while others wait.
    private func leave(_ waiter: Int) {
        guard let continuation = pending?.waiters.removeValue(forKey: waiter) else { return }
        continuation.resume(throwing: CancellationError())
        if let fetch = pending, fetch.waiters.isEmpty {
            fetch.task.cancel()
            pending = nil
        }
    }

    /// Runs one refresh and hands its outcome to every waiter still waiting for it.
    private func runFetch(_ id: Int) async {
        let outcome: Result<AccessToken, any Error>
        do {
            outcome = .success(try await fetchWithRetries())
        } catch {
            outcome = .failure(error)
        }
        guard let fetch = pending, fetch.id == id else { return }
        pending = nil
        // In arrival order (a dictionary's order differs from run to run; a seeded simulation
        // replays the same order of requests only if the waiters go on in the same order).
        for (_, continuation) in fetch.waiters.sorted(by: { $0.key < $1.key }) { continuation.resume(with: outcome) }
    }

    private func fetchWithRetries() async throws -> AccessToken {
        var attempt = 1
        var retriedWithNewerToken = false
        while true {
            if let notBefore, clock.elapsed() < notBefore { try await clock.sleep(for: notBefore - clock.elapsed()) }
            let refreshToken = refreshTokenToSend()
            do {
                let token = try await fetchOnce(refreshToken: refreshToken)
                cached = token
                refreshCount += 1
                return token
            } catch {
                // Another provider of this process (the ARM client) may have rotated the token meanwhile.
                if error.code == "invalid_grant", !retriedWithNewerToken, let refreshToken,
                   refreshTokenToSend() != refreshToken {
                    retriedWithNewerToken = true
                    continue
                }
                // Seed 10460: a refresh that gave up on a 429 was followed at once by the next one.
                if let retryAfter = error.retryAfter { notBefore = clock.elapsed() + retry.capped(retryAfter) }
                guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
                let delay = clock.delay(retry, retry: attempt, retryAfter: error.retryAfter)
                logger.warning("token request failed, retrying", metadata: [
                    "error": "\(error)", "attempt": "\(attempt)", "retry_in_s": "\(delay.secondsText)",
                ])
                // A Retry-After is `notBefore` (kept for later refreshes too): the loop's top waits it out.
                if error.retryAfter == nil { try await clock.sleep(for: delay) }
                attempt += 1
            }
        }
    }

    /// The refresh token to send: the newest kept by the store (unless the operator replaced the
    /// credential since), else the newest this provider obtained, else the operator's.
    private func refreshTokenToSend() -> String? {
        guard case .refreshToken(_, let credential) = credentials.grant else { return nil }
        return rotatedInMemory ?? credentials.refreshTokenStore?.newest(descendingFrom: credential) ?? credential
    }

    private func fetchOnce(refreshToken: String?) async throws(PartnerCenterError) -> AccessToken {
        var request = RawRequest(method: .POST, url: credentials.tokenURL, body: Data(formBody(refreshToken: refreshToken).utf8))
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let started = clock.elapsed()
        let response: RawResponse
        do throws(PartnerCenterError) {
            response = try await exchange.perform(request, requestID: nil, correlationID: nil)
        } catch {
            HTTPMetricNames.recordAttempt(service: HTTPMetricNames.tokenService, route: HTTPMetricNames.tokenRoute,
                                          status: nil, duration: clock.elapsed() - started)
            throw error
        }
        HTTPMetricNames.recordAttempt(service: HTTPMetricNames.tokenService, route: HTTPMetricNames.tokenRoute,
                                      status: response.status, duration: clock.elapsed() - started)
        guard (200..<300).contains(response.status) else {
            throw tokenError(response)
        }
        let parsed = try TokenResponse(data: response.body)
        if let rotated = parsed.refreshToken, rotated != refreshToken { keep(rotated) }
        logger.info("access token obtained", metadata: [
            "token_url": "\(credentials.tokenURL)", "expires_in_s": "\(parsed.expiresIn.secondsText)",
        ])
        Gauge(label: HTTPMetricNames.accessTokenExpiryTimestampSeconds, dimensions: [("service", metricsService)])
            .record(Date().timeIntervalSince1970 + parsed.expiresIn.seconds)
        return AccessToken(value: parsed.accessToken, obtainedAt: started, expiresAt: started + parsed.expiresIn)
    }

    /// Keeps a rotated refresh token: in the store, or in memory when there is none or it fails.
    private func keep(_ rotated: String) {
        guard case .refreshToken(_, let credential) = credentials.grant else { return }
        guard let store = credentials.refreshTokenStore else {
            rotatedInMemory = rotated
            return
        }
        do {
            try store.save(rotated, descendingFrom: credential)
            rotatedInMemory = nil
        } catch {
            rotatedInMemory = rotated
            logger.error("could not keep the rotated refresh token; a restart would fall back to the credential file",
                         metadata: ["error": "\(error)"])
        }
    }

    private func tokenError(_ response: RawResponse) -> PartnerCenterError {
        var failure = PartnerCenterError.fromResponse(status: response.status, body: response.body,
                                                    retryAfterHeader: response.headers.first(name: "Retry-After"),
                                                    requestID: nil, correlationID: nil)
        if let json = try? JSONValue(parsing: response.body), let correlation = json.text("correlation_id") {
            failure.correlationID = correlation
        }
        if response.status < 500, response.status != 429, response.status != 408 {
            failure.kind = .credential
            failure.message = "token request refused by \(credentials.tokenURL): \(failure.message)"
            if failure.code == "invalid_grant", case .refreshToken = credentials.grant {
                failure.message += " — the refresh token is expired or revoked; an operator must renew consent"
            }
        }
        return failure
    }

    private func formBody(refreshToken: String?) -> String {
        var fields: [(String, String)] = [("client_id", credentials.clientID)]
        switch credentials.grant {
        case .clientCredentials(let secret):
            fields += [("grant_type", "client_credentials"), ("client_secret", secret)]
        case .refreshToken(let secret, let credential):
            fields += [("grant_type", "refresh_token"), ("refresh_token", refreshToken ?? credential)]
            if let secret { fields.append(("client_secret", secret)) }
        }
        switch credentials.form {
        case .v2(let scope): fields.append(("scope", scope))
        case .v1(let resource): fields.append(("resource", resource))
        }
        return fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters (`A-Z a-z 0-9 - . _ ~`).
    public static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
