import PartnerCenterModels

extension EmulatorState {
    /// The ARM operation names counted by `armRequestCount` (routes that match no operation are
    /// counted as `ARM unmatched`).
    public static let armOperations = ["Customers_Get", "Customers_ListByBillingAccount",
                                       "Customers_ListByBillingProfile", armUnmatchedOperation]
    package static let armUnmatchedOperation = "ARM unmatched"

    /// Every ARM billing account name, in creation order.
    public func armBillingAccounts() -> [String] {
        arm.order.compactMap { arm.accounts[$0]?.name }
    }

    /// The customers of a billing account as the list renders them with
    /// `$expand=enabledAzurePlans,resellers`, in list order; empty for an unknown account.
    public func armCustomers(account: String) -> [JSONValue] {
        arm.account(account)?.orderedCustomers.map { $0.rendered(expanding: Set(ARMExpansion.allCases)) } ?? []
    }

    /// One customer as `Customers_Get` renders it, with (`expand`) or without `$expand`; nil when unknown.
    public func armCustomer(account: String, name: String, expand: Bool) -> JSONValue? {
        arm.account(account)?.customer(name)?.rendered(expanding: expand ? Set(ARMExpansion.allCases) : [])
    }

    /// Changes a customer as someone in the Azure portal would; `change` sees the expanded
    /// resource (`id`, `name` and `type` stay as they are). No effect for an unknown customer.
    public func modifyARMCustomer(account: String, name: String, _ change: @Sendable (inout JSONValue) -> Void) {
        _ = arm.update(account) { billingAccount in
            guard var record = billingAccount.customer(name) else { return }
            record.modify(change)
            billingAccount.add(record)
        }
    }

    /// Removes a customer; false when the account or customer does not exist.
    @discardableResult
    public func removeARMCustomer(account: String, name: String) -> Bool {
        var removed = false
        _ = arm.update(account) { removed = $0.remove(name) }
        return removed
    }

    /// Adds a generated customer with this display name on one of the account's billing profiles
    /// (creating the account with one billing profile when unknown) and returns its name (a GUID).
    @discardableResult
    public func addARMCustomer(account: String, displayName: String) -> String {
        var billingAccount = arm.account(account) ?? ARMDataGenerator.makeAccount(name: account, using: &arm.rng)
        let record = ARMDataGenerator.makeCustomer(in: billingAccount, displayName: displayName, taken: [],
                                                   using: &arm.rng)
        billingAccount.add(record)
        arm.put(billingAccount)
        return record.name
    }

    /// The billing profile names (GUIDs) of an account; empty when unknown.
    public func armBillingProfiles(account: String) -> [String] {
        arm.account(account)?.profiles.map(\.name) ?? []
    }

    /// ARM requests answered so far, optionally of one operation (`Customers_Get`,
    /// `Customers_ListByBillingAccount`, `Customers_ListByBillingProfile`) and/or one status
    /// (0 counts connections closed without a response).
    public func armRequestCount(operation: String? = nil, status: Int? = nil) -> Int {
        let operations = operation.map { [$0] } ?? Self.armOperations
        return operations.reduce(0) { $0 + requestCount(route: $1, status: status) }
    }

    /// What `x-ms-ratelimit-remaining-tenant-reads` shows now (11999 without a read budget).
    public func armRemainingTenantReads() -> Int {
        guard var budget = arm.readBudget else { return ARMReadBudget.unlimitedRemaining }
        budget.refill(now: configuration.now())
        arm.readBudget = budget
        return budget.remaining
    }
}
