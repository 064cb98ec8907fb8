/// What `billing_profiles.status` says of a customer's mirrored profile.
public enum ProfileStatus: String, Sendable, CaseIterable {
    /// The profile was fetched; `raw_json` holds it.
    case ok
    /// The service answered 404 (the customer is gone, or has no profile).
    case notFound = "not_found"

    /// The status as an SQL string literal, e.g. `'not_found'`.
    var sql: String { "'\(rawValue)'" }
}
