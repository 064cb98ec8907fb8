/// How the client obtains access tokens from Entra ID. Its `description` never shows a secret.
public struct ClientCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The grant used at the token endpoint.
    public enum Grant: Sendable {
        /// App-only: `grant_type=client_credentials` with the client secret.
        case clientCredentials(secret: String)
        /// App+User (Secure Application Model): `grant_type=refresh_token`.
        case refreshToken(clientSecret: String?, refreshToken: String)
    }

    /// Which token endpoint dialect to speak.
    public enum TokenForm: Sendable, Equatable {
        /// `/oauth2/v2.0/token` with `scope=` (e.g. `https://api.partnercenter.microsoft.com/.default`).
        case v2(scope: String)
        /// `/oauth2/token` with `resource=` (e.g. `https://api.partnercenter.microsoft.com`).
        case v1(resource: String)
    }

    /// The full token endpoint URL, e.g. `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`.
    public var tokenURL: String
    /// The application (client) id.
    public var clientID: String
    /// The partner tenant id (also the rate-limit key).
    public var tenantID: String
    /// The grant and its secrets.
    public var grant: Grant
    /// v1 `resource=` or v2 `scope=`.
    public var form: TokenForm
    /// Where rotated refresh tokens are kept across restarts (``Grant/refreshToken(clientSecret:refreshToken:)`` only);
    /// nil keeps them in memory.
    public var refreshTokenStore: (any RefreshTokenStore)?

    /// Creates credentials.
    public init(tokenURL: String, clientID: String, tenantID: String, grant: Grant, form: TokenForm,
                refreshTokenStore: (any RefreshTokenStore)? = nil) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.tenantID = tenantID
        self.grant = grant
        self.form = form
        self.refreshTokenStore = refreshTokenStore
    }

    /// Describes the credentials with every secret replaced by `<redacted>`.
    public var description: String {
        let grantText: String
        switch grant {
        case .clientCredentials: grantText = "client_credentials(secret: <redacted>)"
        case .refreshToken(let secret, _):
            grantText = "refresh_token(clientSecret: \(secret == nil ? "none" : "<redacted>"), refreshToken: <redacted>)"
        }
        let formText: String
        switch form {
        case .v1(let resource): formText = "v1(resource: \(resource))"
        case .v2(let scope): formText = "v2(scope: \(scope))"
        }
        return "ClientCredentials(tokenURL: \(tokenURL), clientID: \(clientID), tenantID: \(tenantID), grant: \(grantText), form: \(formText))"
    }

    /// Same as `description`: secrets redacted.
    public var debugDescription: String { description }
}
