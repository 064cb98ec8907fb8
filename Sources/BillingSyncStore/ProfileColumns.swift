import PartnerCenterModels

/// The flattened columns of `billing_profiles`, one per `BillingProfileField.all` entry.
public enum ProfileColumns {
    /// Column text of every documented field of `resource`, keyed by `BillingProfileField.path`.
    ///
    /// Strings are kept as they are; absent and null give nil; any other JSON value (a number,
    /// an object) is kept as its canonical JSON text so nothing is lost silently.
    public static func flatten(_ resource: JSONValue) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: zip(BillingProfileField.all.map(\.path), values(resource)))
    }

    /// The same values as `flatten`, in the order of `BillingProfileField.all` (no dictionary: this
    /// runs for every stored profile).
    public static func values(_ resource: JSONValue) -> [String?] {
        BillingProfileField.all.map { text(of: resource.value(atPathComponents: $0.pathComponents)) }
    }

    /// The column text of one JSON value (nil for absent or null).
    public static func text(of value: JSONValue?) -> String? {
        guard let value, !value.isNull else { return nil }
        return value.stringValue ?? value.canonicalText()
    }

    /// The ETag carried in the body at `attributes.etag` (any key case).
    public static func etag(of resource: JSONValue) -> String? {
        text(of: resource.value(atPath: "attributes.etag"))
    }
}
