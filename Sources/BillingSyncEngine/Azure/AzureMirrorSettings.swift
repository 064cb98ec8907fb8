import PartnerCenterAPI

/// What the Azure mirror lists: billing accounts (whole) or `account/profile` pairs, and whether
/// plans and resellers are expanded.
public struct AzureMirrorSettings: Sendable, Equatable {
    /// The listings of one run, in order.
    public var scopes: [AzureCustomerScope]
    /// Request `$expand=enabledAzurePlans,resellers`.
    public var expand: Bool
    /// How often `runAzureLoop` runs a mirror pass.
    public var interval: Duration

    /// Creates settings.
    public init(scopes: [AzureCustomerScope], expand: Bool = true, interval: Duration = .seconds(6 * 3_600)) {
        self.scopes = scopes
        self.expand = expand
        self.interval = interval
    }

    /// Billing accounts listed whole, except those restricted by `account/profile` pairs, which
    /// are listed profile by profile (pairs not in the form `account/profile` are ignored).
    public init(billingAccounts: [String], billingProfiles: [String], expand: Bool, interval: Duration) {
        let pairs = billingProfiles.compactMap { text -> (String, String)? in
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? (parts[0], parts[1]) : nil
        }
        let restricted = Set(pairs.map(\.0))
        var scopes = billingAccounts.filter { !restricted.contains($0) }.map(AzureCustomerScope.billingAccount)
        scopes += pairs.map { AzureCustomerScope.billingProfile(account: $0.0, profile: $0.1) }
        self.init(scopes: scopes, expand: expand, interval: interval)
    }
}
