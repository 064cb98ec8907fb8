import Foundation
import PartnerCenterModels

/// The outcome of checking an API call's `Authorization` header.
package enum AccessCheck: Sendable, Equatable {
    case valid
    case missing
    case invalid
    case expired
}

/// The outcome of checking a refresh token.
enum RefreshCheck: Sendable, Equatable {
    case valid
    case revoked
    /// Replaced by a rotation: Entra ID answers AADSTS700082.
    case superseded
    case unknown
}

/// An issued access token.
struct IssuedToken: Sendable {
    let accessToken: String
    let lifetimeSeconds: Int
    let expiresOn: Int
    let notBefore: Int
}

extension EmulatorState {
    /// Issues a new access token (an unsigned JWT-looking opaque string) valid for the configured lifetime.
    func issueAccessToken() -> IssuedToken {
        let lifetime = configuration.accessTokenLifetime
        let seconds = Int(lifetime.components.seconds)
        let now = Int(Date().timeIntervalSince1970)
        let payload = JSONValue.object([
            "aud": .string("https://api.partnercenter.microsoft.com"), "tid": .string(configuration.tenantID),
            "appid": .string(configuration.credentials.clientID), "exp": .integer(Int64(now + seconds)),
            "jti": .string(CustomerGenerator.guid(using: &rng)),
        ]).canonicalText()
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0." + Self.base64URL(payload) + "."
        accessTokens[token] = .now + lifetime
        return IssuedToken(accessToken: token, lifetimeSeconds: seconds, expiresOn: now + seconds, notBefore: now)
    }

    /// Checks `Authorization: Bearer <token>`.
    package func checkAccess(authorization: String?) -> AccessCheck {
        guard let authorization, !authorization.isEmpty else { return .missing }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .invalid }
        guard let expiry = accessTokens[String(parts[1]).trimmingCharacters(in: .whitespaces)] else { return .invalid }
        return expiry > .now ? .valid : .expired
    }

    /// Checks a refresh token against the ones issued.
    func checkRefreshToken(_ token: String) -> RefreshCheck {
        let check = refreshTokens.check(token)
        return check == .valid && refreshTokenRevoked ? .revoked : check
    }

    /// The refresh token returned for a successful refresh with `token` (a new one when rotating).
    func rotateRefreshToken(_ token: String) -> String {
        refreshTokens.rotate(token)
    }

    /// A new valid refresh token, as an operator renewing consent would obtain; the others stay valid.
    public func grantConsent() -> String {
        refreshTokens.mint()
    }

    /// Whether `token` was superseded by a rotation (so it has been used for a refresh).
    public func isRefreshTokenSuperseded(_ token: String) -> Bool { refreshTokens.check(token) == .superseded }

    /// How many refresh tokens were superseded by rotation so far.
    public func supersededRefreshTokenCount() -> Int { refreshTokens.superseded.count }

    /// Makes token requests wait until ``releaseTokenRequests()``.
    public func holdTokenRequests() { tokenGate = tokenGate ?? TokenGate() }

    /// How many token requests are waiting at the gate of ``holdTokenRequests()``.
    public func heldTokenRequestCount() -> Int { tokenGate?.arrived ?? 0 }

    /// Lets held token requests through.
    public func releaseTokenRequests() {
        tokenGate?.open()
        tokenGate = nil
    }

    /// The gate token requests wait at, if held.
    func currentTokenGate() -> TokenGate? { tokenGate }

    /// True after `forbid(true)`: API calls answer 403.
    package var isForbidden: Bool { forbidden }

    /// Makes every access token issued so far expired (API calls with them answer 401).
    public func expireAllTokens() {
        let past = ContinuousClock.now - .seconds(1)
        for token in accessTokens.keys { accessTokens[token] = past }
    }

    /// Revokes the refresh token: refresh grants answer 400 `invalid_grant`.
    public func revokeRefreshToken() { refreshTokenRevoked = true }

    /// Withdraws (true) or restores (false) the app's access: API calls answer 403 code 2032.
    public func forbid(_ isForbidden: Bool) { forbidden = isForbidden }

    private static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
