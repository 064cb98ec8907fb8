import Crypto
import PartnerCenterModels

/// Content hashes of billing profiles: equal content gives an equal hash whatever the key order,
/// ETag or links, so a re-fetch with a new ETag but the same fields counts as unchanged.
public enum ContentHash {
    /// Top-level members left out of the hash (server-managed, not content). Matched ignoring case.
    public static let ignoredMembers: Set<String> = ["attributes", "links"]

    /// Lower-case hex SHA-256 of `data` (swift-crypto: BoringSSL's assembly on Linux).
    public static func sha256Hex(_ data: some Collection<UInt8>) -> String {
        let digest: SHA256.Digest
        if let contiguous = data.withContiguousStorageIfAvailable({ SHA256.hash(data: UnsafeRawBufferPointer($0)) }) {
            digest = contiguous
        } else {
            digest = SHA256.hash(data: Array(data))
        }
        return hex(digest)
    }

    /// SHA-256 hex of the resource's canonical JSON without `attributes` and `links`.
    public static func of(resource: JSONValue) -> String {
        sha256Hex(content(of: resource).canonicalBytes())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: SHA256.Digest.byteCount * 2) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0f)]
                index += 2
            }
            return index
        }
    }

    /// The resource without its server-managed members (any other value is returned as is).
    public static func content(of resource: JSONValue) -> JSONValue {
        guard let members = resource.objectValue else { return resource }
        return .object(members.filter { !ignoredMembers.contains($0.key.lowercased()) })
    }
}
