import PartnerCenterModels

/// One ARM billing customer (`Microsoft.Billing/billingAccounts/customers`) as the emulator stores it.
struct ARMCustomerRecord: Sendable {
    /// The customer's `name` (a GUID; the documentation example's literal `{customerName}`).
    let name: String
    /// The full resource as `$expand=enabledAzurePlans,resellers` renders it.
    var resource: JSONValue
    /// The documentation's two examples disagree on `displayName` ("customer1" without `$expand`,
    /// "customerName1" with it); only the documentation record sets this (cleared on a change).
    var compactDisplayName: String?

    /// The resource type of every ARM billing customer.
    static let resourceType = "Microsoft.Billing/billingAccounts/customers"

    /// The ARM resource id of a billing account.
    static func accountID(_ account: String) -> String {
        "/providers/Microsoft.Billing/billingAccounts/\(account)"
    }

    /// A new record in `account`, on billing profile `profile`.
    init(name: String, account: String, profile: ARMBillingProfile, displayName: String,
         plans: [JSONValue], resellers: [JSONValue]) {
        self.name = name
        resource = .object([
            "id": .string("\(Self.accountID(account))/customers/\(name)"),
            "name": .string(name),
            "type": .string(Self.resourceType),
            "properties": .object([
                "billingProfileId": .string("\(Self.accountID(account))/billingProfiles/\(profile.name)"),
                "billingProfileDisplayName": .string(profile.displayName),
                "displayName": .string(displayName),
                "enabledAzurePlans": .array(plans),
                "resellers": .array(resellers),
            ]),
        ])
    }

    /// `properties.displayName` as stored (the expanded form).
    var displayName: String { resource.value(atPath: "properties.displayName")?.stringValue ?? "" }

    /// The billing profile name: the last segment of `properties.billingProfileId`.
    var billingProfileName: String {
        let id = resource.value(atPath: "properties.billingProfileId")?.stringValue ?? ""
        return id.split(separator: "/").last.map(String.init) ?? ""
    }

    /// The resource as the API renders it with the given `$expand` members; without any, only
    /// `billingProfileId`, `billingProfileDisplayName` and `displayName` are in `properties`.
    func rendered(expanding expansions: Set<ARMExpansion>) -> JSONValue {
        guard case .object(var members) = resource,
              case .object(var properties) = members["properties"] ?? .null else { return resource }
        for expansion in ARMExpansion.allCases where !expansions.contains(expansion) {
            properties[expansion.rawValue] = nil
        }
        if expansions.isEmpty, let compactDisplayName {
            properties["displayName"] = .string(compactDisplayName)
        }
        members["properties"] = .object(properties)
        return .object(members)
    }

    /// Applies a change to the expanded resource; `id`, `name` and `type` stay server-managed.
    mutating func modify(_ change: (inout JSONValue) -> Void) {
        let before = resource
        var changed = resource
        change(&changed)
        for key in ["id", "name", "type"] {
            changed.setValue(before[member: key] ?? .null, atPath: key)
        }
        if changed.value(atPath: "properties.displayName") != before.value(atPath: "properties.displayName") {
            compactDisplayName = nil
        }
        resource = changed
    }
}

/// The documented `$expand` members of a billing customer.
enum ARMExpansion: String, Sendable, CaseIterable, Hashable {
    case enabledAzurePlans
    case resellers
}
