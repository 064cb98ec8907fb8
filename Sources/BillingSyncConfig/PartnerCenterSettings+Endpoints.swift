import Foundation

extension PartnerCenterSettings {
    /// The REST base URL in use: `base_url` if set, otherwise the cloud's default.
    public var effectiveBaseURL: URL { baseURL ?? cloud.partnerCenterBaseURL }

    /// The token endpoint in use: `token_url` if set, otherwise
    /// `{authority}/{tenant}/oauth2/v2.0/token` (v2) or `{authority}/{tenant}/oauth2/token` (v1).
    public var effectiveTokenURL: URL {
        if let tokenURL { return tokenURL }
        let tenantURL = cloud.authorityURL.appendingPathComponent(tenantID)
        switch tokenEndpoint {
        case .v2: return tenantURL.appendingPathComponent("oauth2/v2.0/token")
        case .v1: return tenantURL.appendingPathComponent("oauth2/token")
        }
    }

    /// Whether this `auth` mode needs a refresh token (App+User does).
    public var requiresRefreshToken: Bool { auth == .appUser }
}
