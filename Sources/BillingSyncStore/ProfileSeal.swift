/// The seal of a `billing_profiles` row: SHA-256 hex over what a full save derived from one body
/// (its ETag, every field column, its content hash) and the body's exact bytes (`raw_json`).
///
/// A row whose seal still matches was not edited by hand since the save that sealed it, so its
/// columns and content hash are those of its `raw_json`; a re-fetched body equal to that text
/// byte for byte then needs no parse, flattening or hashing to be recognised as unchanged.
/// Any hand edit of a sealed value breaks the seal, and the row takes the full path (where
/// tampering is detected and recorded).
public enum ProfileSeal {
    /// The seal of a row holding these values (`columns` in `BillingProfileField.all` order).
    public static func of(etag: String?, columns: [String?], contentHash: String, rawJSON: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rawJSON.utf8.count + contentHash.utf8.count + 64 * (columns.count + 1))
        append(etag, to: &bytes)
        for column in columns { append(column, to: &bytes) }
        append(contentHash, to: &bytes)
        append(rawJSON, to: &bytes)
        return ContentHash.sha256Hex(bytes)
    }

    /// Each value as a length-prefixed field (NULL has its own marker), so no two different
    /// rows give the same bytes.
    private static func append(_ value: String?, to bytes: inout [UInt8]) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        var length = UInt64(value.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: value.utf8)
    }
}
