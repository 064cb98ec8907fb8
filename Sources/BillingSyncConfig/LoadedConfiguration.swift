/// A parsed, validated configuration together with the secrets it refers to.
public struct LoadedConfiguration: Sendable {
    /// The typed configuration with every default filled in.
    public let configuration: BillingSyncConfiguration
    /// The OAuth client secret (required for both `auth` modes), if configured.
    public let clientSecret: Secret?
    /// The refresh token (required for `auth = "app_user"`), if configured.
    public let refreshToken: Secret?
    /// Non-fatal problems, e.g. secret files readable by group/others.
    public let warnings: [ConfigurationIssue]
    /// The file (or source name) the configuration came from.
    public let sourcePath: String

    /// Creates a loaded configuration (normally done by ``ConfigurationLoader``).
    public init(
        configuration: BillingSyncConfiguration,
        clientSecret: Secret?,
        refreshToken: Secret?,
        warnings: [ConfigurationIssue],
        sourcePath: String
    ) {
        self.configuration = configuration
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.warnings = warnings
        self.sourcePath = sourcePath
    }
}
