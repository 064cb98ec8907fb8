import Foundation
import PartnerCenterModels

/// A customer's billing profile as mirrored in `billing_profiles`.
public struct StoredProfile: Sendable, Hashable {
    /// The customer.
    public var customerID: CustomerID
    /// `ok`, or `not_found` when the service answered 404.
    public var status: ProfileStatus
    /// ETag of the last fetched resource (`attributes.etag`).
    public var etag: String?
    /// `rawJSON` parsed; nil when absent or not valid JSON.
    public var resource: JSONValue?
    /// The full resource as received, unknown fields included.
    public var rawJSON: String?
    /// SHA-256 hex stored with the resource (see `ContentHash.of(resource:)`).
    public var contentHash: String?
    /// Current column values keyed by `BillingProfileField.path`.
    public var columns: [String: String?]
    /// When the resource was last fetched.
    public var fetchedAt: String?
    /// When its content last changed.
    public var changedAt: String?
    /// `mirror_seq`: the mirror sequence number of the write that last changed the row.
    public var mirrorSequence: Int64 = 0
    /// `row_seal` (see `ProfileSeal`); nil for a row saved before seals existed.
    public var rowSeal: String?

    /// True when the stored row no longer matches what was fetched: a column differs from the
    /// value in `rawJSON`, or `rawJSON` does not hash to `contentHash` (edited by hand).
    public var isTampered: Bool {
        !tamperedFields.isEmpty || hashMismatch
    }

    /// True when this row holds exactly `rawJSON` with `etag` and nothing was edited by hand:
    /// the columns are `columns` (in `BillingProfileField.all` order) and the stored hash is
    /// `contentHash` — the values computed from the same text. A re-fetch of an unchanged profile
    /// is recognised by this without parsing the stored text again.
    public func holdsUnchanged(rawJSON: String, etag: String?, columns: [String?], contentHash: String) -> Bool {
        guard status == .ok, self.etag == etag, self.rawJSON == rawJSON, self.contentHash == contentHash else { return false }
        for (field, value) in zip(BillingProfileField.all, columns) where (self.columns[field.path] ?? nil) != value {
            return false
        }
        return true
    }

    /// True when this row holds exactly the bytes of `rawJSON` and still matches its seal: the
    /// ETag, columns and content hash are those a full save derived from that text, untouched
    /// since. A re-fetched body that passes this is unchanged, and needs no parse, flattening
    /// or hashing to know it. A row without a seal (saved before version 6) never passes.
    public func holdsSealed(rawJSON: String) -> Bool {
        guard status == .ok, let rowSeal, let contentHash, let stored = self.rawJSON, Self.sameBytes(stored, rawJSON)
        else { return false }
        let values = BillingProfileField.all.map { columns[$0.path] ?? nil }
        return ProfileSeal.of(etag: etag, columns: values, contentHash: contentHash, rawJSON: stored) == rowSeal
    }

    /// Byte equality of two texts (`==` on `String` compares canonical equivalence, which would
    /// take two different byte sequences for the same text).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    /// Paths of the columns that differ from the values in `rawJSON`.
    public var tamperedFields: [String] {
        let expected = rawJSON == nil ? [:] : resource.map(ProfileColumns.flatten) ?? [:]
        return BillingProfileField.all.map(\.path).filter { path in
            (columns[path] ?? nil) != (expected[path] ?? nil)
        }
    }

    /// True when `rawJSON` is missing, unreadable or does not match `contentHash` (only a row
    /// without data and without hash, as for `not_found`, has no hash to check).
    private var hashMismatch: Bool {
        guard rawJSON != nil else { return contentHash != nil }
        guard let resource, let contentHash else { return true }
        return ContentHash.of(resource: resource) != contentHash
    }
}
