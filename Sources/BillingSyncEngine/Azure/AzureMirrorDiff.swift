import BillingSyncStore

/// Field-level comparison of two states of an ARM customer, for `azure_customer_history`.
/// Plans and resellers are compared only when both states carry them (fetched with `$expand`):
/// a changed set is one `enabledAzurePlans` / `resellers` entry (sorted ids, comma-separated),
/// a changed description one `enabledAzurePlans[<skuId>].skuDescription` /
/// `resellers[<resellerId>].description` entry.
public enum AzureMirrorDiff {
    /// The changes from `old` (nil: first sight, no history) to `new`.
    public static func changes(from old: AzureCustomerRecord?, to new: AzureCustomerRecord) -> [AzureHistoryEntry] {
        guard let old else { return [] }
        var fields: [(String, String?, String?)] = [
            ("displayName", old.displayName, new.displayName),
            ("billingProfileId", old.billingProfileID, new.billingProfileID),
            ("billingProfileDisplayName", old.billingProfileDisplayName, new.billingProfileDisplayName),
        ]
        if let oldPlans = old.plans, let newPlans = new.plans {
            fields += members("enabledAzurePlans", detail: "skuDescription",
                              old: Dictionary(oldPlans.map { ($0.skuID, $0.skuDescription) }) { first, _ in first },
                              new: Dictionary(newPlans.map { ($0.skuID, $0.skuDescription) }) { first, _ in first })
        }
        if let oldResellers = old.resellers, let newResellers = new.resellers {
            fields += members("resellers", detail: "description",
                              old: Dictionary(oldResellers.map { ($0.resellerID, $0.description) }) { first, _ in first },
                              new: Dictionary(newResellers.map { ($0.resellerID, $0.description) }) { first, _ in first })
        }
        return fields.filter { $0.1 != $0.2 }.map {
            AzureHistoryEntry(billingAccount: new.billingAccount, customerName: new.name, field: $0.0,
                              oldValue: $0.1, newValue: $0.2)
        }
    }

    /// The set change (if any) and the description changes of members present in both states.
    private static func members(_ field: String, detail: String, old: [String: String?],
                                new: [String: String?]) -> [(String, String?, String?)] {
        var result: [(String, String?, String?)] = []
        let oldIDs = old.keys.sorted(), newIDs = new.keys.sorted()
        if oldIDs != newIDs {
            result.append((field, oldIDs.isEmpty ? nil : oldIDs.joined(separator: ","),
                           newIDs.isEmpty ? nil : newIDs.joined(separator: ",")))
        }
        for id in newIDs where old[id] != nil {
            result.append(("\(field)[\(id)].\(detail)", old[id] ?? nil, new[id] ?? nil))
        }
        return result
    }
}
