import Foundation

/// `[azure]`: the optional mirror of Azure Resource Manager billing customers.
public struct AzureSettings: Sendable, Equatable {
    /// `enabled` (default false). When true, `billing_accounts` must not be empty.
    public var enabled: Bool
    /// `arm_base_url`: overrides the cloud's ARM base URL (https, or http on loopback only).
    public var armBaseURL: URL?
    /// `scope`: token scope; when unset, `{effective ARM base}/.default`
    /// (`https://management.azure.com/.default` for the global cloud).
    public var scope: String?
    /// `api_version` (default `2020-05-01`).
    public var apiVersion: String
    /// `billing_accounts`: billing account names to mirror.
    public var billingAccounts: [String]
    /// `billing_profiles`: optional `account/profile` pairs to restrict the listing to.
    public var billingProfiles: [String]
    /// `expand`: request `$expand` of enabled Azure plans and resellers (default true).
    public var expand: Bool
    /// `interval`: how often the ARM customers are listed (default 6 h).
    public var interval: Duration

    /// Creates Azure settings; all values have defaults (disabled).
    public init(
        enabled: Bool = false,
        armBaseURL: URL? = nil,
        scope: String? = nil,
        apiVersion: String = "2020-05-01",
        billingAccounts: [String] = [],
        billingProfiles: [String] = [],
        expand: Bool = true,
        interval: Duration = .seconds(6 * 3_600)
    ) {
        self.enabled = enabled
        self.armBaseURL = armBaseURL
        self.scope = scope
        self.apiVersion = apiVersion
        self.billingAccounts = billingAccounts
        self.billingProfiles = billingProfiles
        self.expand = expand
        self.interval = interval
    }

    /// The ARM base URL in use: `arm_base_url` if set, otherwise the cloud's default.
    public func effectiveARMBaseURL(cloud: PartnerCenterCloud) -> URL {
        armBaseURL ?? cloud.armBaseURL
    }

    /// The token scope in use: `scope` if set, otherwise the cloud's ARM base URL + `/.default`.
    public func effectiveScope(cloud: PartnerCenterCloud) -> String {
        scope ?? cloud.armBaseURL.absoluteString + "/.default"
    }
}
