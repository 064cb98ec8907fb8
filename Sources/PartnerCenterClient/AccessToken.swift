import Foundation
import PartnerCenterModels

/// A bearer token and when it stops being valid, as times on its ``TokenProvider``'s clock.
/// Its description never shows the token.
struct AccessToken: Sendable, CustomStringConvertible {
    let value: String
    let obtainedAt: Duration
    let expiresAt: Duration
    /// Refresh ahead of expiry by 5 minutes, or by 10 % of the lifetime for short-lived tokens.
    /// Computed once: every request compares the clock with it.
    let refreshAt: Duration

    init(value: String, obtainedAt: Duration, expiresAt: Duration) {
        self.value = value
        self.obtainedAt = obtainedAt
        self.expiresAt = expiresAt
        refreshAt = expiresAt - min(.seconds(300), (expiresAt - obtainedAt) / 10)
    }

    var description: String { "AccessToken(<redacted>, lifetime \(expiresAt - obtainedAt))" }
}

/// A token endpoint response: `{access_token, expires_in (number or string), refresh_token?}`.
struct TokenResponse: Sendable {
    let accessToken: String
    let expiresIn: Duration
    let refreshToken: String?

    init(data: Data) throws(PartnerCenterError) {
        guard let json = try? JSONValue(parsing: data), json.objectValue != nil,
              let token = json.text("access_token"), !token.isEmpty else {
            throw PartnerCenterError(kind: .invalidResponse, message: "token endpoint response has no access_token")
        }
        accessToken = token
        expiresIn = .seconds(json.integer("expires_in") ?? 3600)
        refreshToken = json.text("refresh_token")
    }
}
