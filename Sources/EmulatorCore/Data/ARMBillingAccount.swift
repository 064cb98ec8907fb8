/// One billing profile of an ARM billing account.
struct ARMBillingProfile: Sendable, Hashable {
    /// The profile's `name` (a GUID).
    let name: String
    /// What `billingProfileDisplayName` shows.
    let displayName: String
}

/// One ARM billing account (Microsoft Partner Agreement) with its billing profiles and customers.
struct ARMBillingAccount: Sendable {
    /// The account name exactly as configured (used in resource ids).
    let name: String
    /// Billing profiles in creation order.
    var profiles: [ARMBillingProfile]
    /// Customers by lower-cased name (ARM names are case-insensitive).
    var customers: [String: ARMCustomerRecord] = [:]
    /// Lower-cased customer names in the order the list operations return them.
    var order: [String] = []

    /// An account with these billing profiles and no customers.
    init(name: String, profiles: [ARMBillingProfile]) {
        self.name = name
        self.profiles = profiles
    }

    /// Appends a customer at the end of the list order.
    mutating func add(_ record: ARMCustomerRecord) {
        let key = record.name.lowercased()
        if customers[key] == nil { order.append(key) }
        customers[key] = record
    }

    /// Removes a customer; false when there was none of that name.
    mutating func remove(_ name: String) -> Bool {
        let key = name.lowercased()
        guard customers.removeValue(forKey: key) != nil else { return false }
        order.removeAll { $0 == key }
        return true
    }

    /// The customer of that name (case-insensitive).
    func customer(_ name: String) -> ARMCustomerRecord? { customers[name.lowercased()] }

    /// The billing profile of that name (case-insensitive).
    func profile(_ name: String) -> ARMBillingProfile? {
        profiles.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Every customer in list order.
    var orderedCustomers: [ARMCustomerRecord] { order.compactMap { customers[$0] } }
}
