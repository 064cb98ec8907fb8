/// What a customer listing covers: a whole billing account or one billing profile of it.
public enum AzureCustomerScope: Sendable, Hashable, CustomStringConvertible {
    /// `Customers_ListByBillingAccount`.
    case billingAccount(String)
    /// `Customers_ListByBillingProfile`.
    case billingProfile(account: String, profile: String)

    /// The billing account name.
    public var account: String {
        switch self {
        case .billingAccount(let account), .billingProfile(let account, _): return account
        }
    }

    /// The billing profile resource id for a profile scope (as in `properties.billingProfileId`).
    public var billingProfileResourceID: String? {
        guard case .billingProfile(let account, let profile) = self else { return nil }
        return "/providers/Microsoft.Billing/billingAccounts/\(account)/billingProfiles/\(profile)"
    }

    /// `account` or `account/profile`.
    public var description: String {
        switch self {
        case .billingAccount(let account): return account
        case .billingProfile(let account, let profile): return "\(account)/\(profile)"
        }
    }
}
