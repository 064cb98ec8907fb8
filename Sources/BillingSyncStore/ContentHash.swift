import PartnerCenterModels

/// Content hashes of billing profiles: equal content gives an equal hash whatever the key order,
/// ETag or links, so a re-fetch with a new ETag but the same fields counts as unchanged.
public enum ContentHash {
    /// Top-level members left out of the hash (server-managed, not content). Matched ignoring case.
    public static let ignoredMembers: Set<String> = ["attributes", "links"]

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256Hex(_ data: some Collection<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in hasher.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// SHA-256 hex of the resource's canonical JSON without `attributes` and `links`.
    public static func of(resource: JSONValue) -> String {
        sha256Hex(Array(content(of: resource).canonicalText().utf8))
    }

    /// The resource without its server-managed members (any other value is returned as is).
    public static func content(of resource: JSONValue) -> JSONValue {
        guard let members = resource.objectValue else { return resource }
        return .object(members.filter { !ignoredMembers.contains($0.key.lowercased()) })
    }
}
