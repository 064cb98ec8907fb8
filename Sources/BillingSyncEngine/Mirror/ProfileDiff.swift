import PartnerCenterModels

/// Field-by-field comparison of two billing-profile resources; the one diff used for drift
/// detection, history rows and the pusher.
public enum ProfileDiff {
    /// Members never reported: server bookkeeping (the etag is reported separately by callers).
    static let ignoredMembers: Set<String> = ["links", "attributes"]
    /// The nested object whose own unknown members are reported as `defaultAddress.<key>`.
    static let addressMember = "defaultAddress"

    /// Field-level differences from `old` (nil: nothing mirrored yet) to `new`.
    ///
    /// Covers every documented field of `BillingProfileField.all` (in that order), then every
    /// other top-level or `defaultAddress` member that changed, sorted by path. `links` and
    /// `attributes` are ignored. Keys match ignoring case, so a PascalCase and a camelCase copy
    /// of the same profile have no differences; absent and `null` are equal; strings compare
    /// exactly (case-sensitive).
    public static func changes(from old: JSONValue?, to new: JSONValue) -> [FieldChange] {
        var result: [FieldChange] = []
        for field in BillingProfileField.all {
            appendChange(field.path, old?.value(atPathComponents: field.pathComponents),
                         new.value(atPathComponents: field.pathComponents), to: &result)
        }
        let oldAddress = old?[member: addressMember], newAddress = new[member: addressMember]
        var unknown: [String: (old: JSONValue?, new: JSONValue?)] = [:]
        for key in unknownKeys(of: [new, old], isKnown: isKnownTopLevel) {
            unknown[key] = (old?[member: key], new[member: key])
        }
        for key in unknownKeys(of: [newAddress, oldAddress], isKnown: isKnownAddressMember) {
            unknown[addressMember + "." + key] = (oldAddress?[member: key], newAddress?[member: key])
        }
        for path in unknown.keys.sorted() {
            appendChange(path, unknown[path]?.old, unknown[path]?.new, to: &result)
        }
        return result
    }

    /// The textual form used in history and conflicts: a string as-is, null or absent → nil,
    /// any other JSON value → its canonical JSON text (`true`, `42`, `{"a":1}`).
    public static func textValue(_ v: JSONValue?) -> String? {
        switch v {
        case nil, .null?: nil
        case .string(let text)?: text
        case let other?: other.canonicalText()
        }
    }

    /// Equality after treating absent as `null`; strings compare exactly.
    static func sameValue(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        (lhs ?? .null) == (rhs ?? .null)
    }

    private static func appendChange(_ path: String, _ old: JSONValue?, _ new: JSONValue?,
                                     to result: inout [FieldChange]) {
        guard !sameValue(old, new) else { return }
        result.append(FieldChange(field: path, oldValue: textValue(old), newValue: textValue(new)))
    }

    /// Keys of the given objects not accepted by `isKnown`, one spelling per key ignoring case
    /// (the first object's spelling wins).
    private static func unknownKeys(of objects: [JSONValue?], isKnown: (String) -> Bool) -> [String] {
        var spelling: [String: String] = [:]
        for object in objects {
            for key in (object?.objectValue ?? [:]).keys.sorted() where !isKnown(key) {
                if spelling[key.lowercased()] == nil { spelling[key.lowercased()] = key }
            }
        }
        return Array(spelling.values)
    }

    private static func isKnownTopLevel(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return ignoredMembers.contains(lowered) || lowered == addressMember.lowercased()
            || BillingProfileField.named(key) != nil
    }

    private static func isKnownAddressMember(_ key: String) -> Bool {
        BillingProfileField.named(addressMember + "." + key) != nil
    }
}
