import PartnerCenterModels
/// The emulator's ARM world: billing accounts, the generator for new ARM data and the tenant
/// read budget. Kept apart from the Partner Center data so enabling ARM changes none of it.
struct ARMDirectory: Sendable {
    /// Accounts by lower-cased name (ARM names are case-insensitive).
    var accounts: [String: ARMBillingAccount] = [:]
    /// Lower-cased account names in creation order.
    var order: [String] = []
    /// Drives generated ARM names and values (seeded from the emulator seed).
    var rng = SeededGenerator(seed: 0)
    /// The tenant read budget; nil = unlimited.
    var readBudget: ARMReadBudget?

    /// The account of that name (case-insensitive).
    func account(_ name: String) -> ARMBillingAccount? { accounts[name.lowercased()] }

    /// Adds or replaces an account.
    mutating func put(_ account: ARMBillingAccount) {
        let key = account.name.lowercased()
        if accounts[key] == nil { order.append(key) }
        accounts[key] = account
    }

    /// Changes an existing account in place; false when there is none of that name.
    mutating func update(_ name: String, _ change: (inout ARMBillingAccount) -> Void) -> Bool {
        let key = name.lowercased()
        guard var account = accounts[key] else { return false }
        change(&account)
        accounts[key] = account
        return true
    }
}
