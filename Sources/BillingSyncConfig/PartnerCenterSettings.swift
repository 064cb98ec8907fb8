import Foundation

/// `[partner_center]`: identity, endpoints and HTTP limits for the Partner Center API.
public struct PartnerCenterSettings: Sendable, Equatable {
    /// How access tokens are obtained.
    public enum AuthMode: String, Sendable, Equatable, CaseIterable {
        /// App-only: client-credentials grant (client secret only).
        case app
        /// App+User (Secure Application Model): refresh-token grant; needed for billing-profile updates.
        case appUser = "app_user"
    }

    /// Which Entra ID token endpoint form is used.
    public enum TokenEndpointVersion: String, Sendable, Equatable, CaseIterable {
        /// `{authority}/{tenant}/oauth2/v2.0/token` with `scope`.
        case v2
        /// `{authority}/{tenant}/oauth2/token` with `resource`.
        case v1
    }

    /// `cloud`: `global` (default), `usgov` or `china`.
    public var cloud: PartnerCenterCloud
    /// `base_url`: overrides the cloud's REST base URL (https, or http on loopback only).
    public var baseURL: URL?
    /// `token_url`: overrides the complete token endpoint URL (https, or http on loopback only).
    public var tokenURL: URL?
    /// `tenant_id` (required): the partner's tenant GUID, lower-case.
    public var tenantID: String
    /// `client_id` (required): the application (client) GUID, lower-case.
    public var clientID: String
    /// `auth`: `app_user` (default; updates need App+User) or `app`.
    public var auth: AuthMode
    /// `token_endpoint`: `v2` (default) or `v1`.
    public var tokenEndpoint: TokenEndpointVersion
    /// `scope`: requested at the v2 endpoint.
    public var scope: String
    /// `resource`: requested at the v1 endpoint.
    public var resource: String
    /// `client_secret_file`: path of the client secret; relative names are looked up in `$CREDENTIALS_DIRECTORY`.
    public var clientSecretFile: String?
    /// `refresh_token_file`: path of the refresh token; relative names are looked up in `$CREDENTIALS_DIRECTORY`.
    public var refreshTokenFile: String?
    /// `application_name`: sent as `MS-PartnerCenter-Application`.
    public var applicationName: String
    /// `connect_timeout` (default 10 s).
    public var connectTimeout: Duration
    /// `request_timeout` (default 60 s).
    public var requestTimeout: Duration
    /// `max_response_bytes`: larger responses are rejected (default 8 MiB).
    public var maxResponseBytes: Int

    /// Allowed range of `max_response_bytes`.
    public static let maxResponseBytesRange: ClosedRange<Int> = 1_024...1_073_741_824

    /// Creates Partner Center settings; everything except the two GUIDs has a default.
    public init(
        tenantID: String,
        clientID: String,
        cloud: PartnerCenterCloud = .global,
        baseURL: URL? = nil,
        tokenURL: URL? = nil,
        auth: AuthMode = .appUser,
        tokenEndpoint: TokenEndpointVersion = .v2,
        scope: String = "https://api.partnercenter.microsoft.com/.default",
        resource: String = "https://api.partnercenter.microsoft.com",
        clientSecretFile: String? = nil,
        refreshTokenFile: String? = nil,
        applicationName: String = "billing-sync",
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        maxResponseBytes: Int = 8 * 1_024 * 1_024
    ) {
        self.cloud = cloud
        self.baseURL = baseURL
        self.tokenURL = tokenURL
        self.tenantID = tenantID
        self.clientID = clientID
        self.auth = auth
        self.tokenEndpoint = tokenEndpoint
        self.scope = scope
        self.resource = resource
        self.clientSecretFile = clientSecretFile
        self.refreshTokenFile = refreshTokenFile
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
    }
}
