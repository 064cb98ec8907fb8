import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PartnerCenterModels

/// Obtains and caches access tokens. Tokens are refreshed ahead of expiry, and concurrent
/// callers share one refresh (a single in-flight request). Refresh tokens rotated by Entra ID
/// are kept for the next refresh. No token or secret is ever logged.
public actor TokenProvider {
    private let credentials: ClientCredentials
    private let exchange: HTTPExchange
    private let retry: RetryPolicy
    private let logger: Logger
    private var currentRefreshToken: String?
    private var cached: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?
    /// How many token requests succeeded (for health and tests).
    public private(set) var refreshCount = 0

    /// Creates a provider for `credentials` (the scope or resource decides which API the tokens are for).
    public init(credentials: ClientCredentials, exchange: HTTPExchange, retry: RetryPolicy, logger: Logger) {
        self.credentials = credentials
        self.exchange = exchange
        self.retry = retry
        self.logger = logger
        if case .refreshToken(_, let refreshToken) = credentials.grant {
            currentRefreshToken = refreshToken
        }
    }

    /// A token valid for a while yet, fetching one if needed.
    public func token() async throws(PartnerCenterError) -> String {
        if let cached, ContinuousClock.now < cached.refreshAt { return cached.value }
        let task: Task<AccessToken, any Error>
        if let inFlight {
            task = inFlight
        } else {
            task = Task { try await self.fetchWithRetries() }
            inFlight = task
        }
        do {
            // Waiting on the shared fetch must not outlive the caller's cancellation (shutdown):
            // a cancelled caller cancels the fetch, and the next caller starts a new one.
            let token = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
            return token.value
        } catch let error as PartnerCenterError {
            throw error
        } catch {
            throw .cancelled()
        }
    }

    /// Forgets `token` after the service refused it (401), so the next call fetches a new one.
    public func invalidate(_ token: String) {
        if cached?.value == token { cached = nil }
    }

    private func fetchWithRetries() async throws -> AccessToken {
        defer { inFlight = nil }
        var attempt = 1
        while true {
            do {
                let token = try await fetchOnce()
                cached = token
                refreshCount += 1
                return token
            } catch {
                guard error.isRetryable, attempt < retry.maxAttempts else { throw error }
                let delay = retry.delay(retry: attempt, retryAfter: error.retryAfter)
                logger.warning("token request failed, retrying", metadata: [
                    "error": "\(error)", "attempt": "\(attempt)", "retry_in_s": "\(delay.secondsText)",
                ])
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    private func fetchOnce() async throws(PartnerCenterError) -> AccessToken {
        var request = HTTPClientRequest(url: credentials.tokenURL)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: formBody()))
        let started = ContinuousClock.now
        let response = try await exchange.perform(request, requestID: nil, correlationID: nil)
        guard (200..<300).contains(response.status) else {
            throw tokenError(response)
        }
        let parsed = try TokenResponse(data: response.body)
        if let rotated = parsed.refreshToken { currentRefreshToken = rotated }
        logger.info("access token obtained", metadata: [
            "token_url": "\(credentials.tokenURL)", "expires_in_s": "\(parsed.expiresIn.secondsText)",
        ])
        return AccessToken(value: parsed.accessToken, obtainedAt: started, expiresAt: started + parsed.expiresIn)
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

    private func formBody() -> String {
        var fields: [(String, String)] = [("client_id", credentials.clientID)]
        switch credentials.grant {
        case .clientCredentials(let secret):
            fields += [("grant_type", "client_credentials"), ("client_secret", secret)]
        case .refreshToken(let secret, let initialToken):
            fields += [("grant_type", "refresh_token"), ("refresh_token", currentRefreshToken ?? initialToken)]
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
