import PartnerCenterModels

/// Brings request bodies into the stored camelCase form, and renders the PascalCase form that
/// audit records carry.
enum ProfileNormalizer {
    /// The stored form of a billing profile sent with PUT: keys in camelCase (the documented
    /// request example is PascalCase), nulls dropped (absent properties are omitted in responses),
    /// unknown fields kept, and the server-managed `id`, `links` and `attributes` replaced.
    static func storedProfile(from body: JSONValue, keepingID id: JSONValue?) -> JSONValue {
        var profile = camelCased(body)
        guard case .object(var members) = profile else { return profile }
        members["links"] = nil
        members["attributes"] = nil
        members["id"] = id
        profile = .object(members)
        return profile
    }

    /// The profile with a five-digit US postal code stored as ZIP+4, as the real service may do on
    /// PUT: the four digits are derived from the street line, so the same address always gets the
    /// same suffix. Anything else is returned unchanged.
    static func withZIPPlus4(_ profile: JSONValue) -> JSONValue {
        guard profile.value(atPath: "defaultAddress.country")?.stringValue == "US",
              let postalCode = profile.value(atPath: "defaultAddress.postalCode")?.stringValue,
              postalCode.count == 5, postalCode.utf8.allSatisfy({ (48...57).contains($0) }) else { return profile }
        let street = profile.value(atPath: "defaultAddress.addressLine1")?.stringValue ?? ""
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in (street + postalCode).utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let suffix = String(hash % 10_000)
        var rewritten = profile
        rewritten.setValue(.string(postalCode + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix),
                           atPath: "defaultAddress.postalCode")
        return rewritten
    }

    /// Every object key with its first letter lower-cased (`DefaultAddress` → `defaultAddress`),
    /// `null` members removed, recursively.
    static func camelCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members.sorted(by: { $0.key < $1.key }) where !member.isNull {
                result[lowerFirst(key)] = camelCased(member)
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(camelCased))
        default:
            return value
        }
    }

    /// Every object key with its first letter upper-cased, as the audit example serializes it.
    static func pascalCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { (upperFirst($0.key), pascalCased($0.value)) }))
        case .array(let items):
            return .array(items.map(pascalCased))
        default:
            return value
        }
    }

    private static func lowerFirst(_ key: String) -> String {
        guard let first = key.first else { return key }
        return first.lowercased() + key.dropFirst()
    }

    private static func upperFirst(_ key: String) -> String {
        guard let first = key.first else { return key }
        return first.uppercased() + key.dropFirst()
    }
}
