/// `billing-sync edit … --json` (version 1): the queued edit, a dry run's merged result, or
/// with `--wait` the outcome.
struct EditJSON: CLIJSON {
    var version = 1
    var customerID: String
    /// The outbox id (nil for `--dry-run`).
    var editID: Int64?
    /// `queued`, `rejected` (failed validation), `dry_run`, or with `--wait` the final
    /// status: `pushed`, `conflict`, `rejected`, `failed` (or `pending` when the wait timed out).
    var status: String
    /// Validation problems (empty when valid).
    var problems: [String]
    /// `--dry-run`: the profile fields after the edit, merged onto the mirror (dotted path → value, null = cleared).
    var merged: [String: String?]?
    /// `--wait`: the edit's last error, if any.
    var lastError: String?
    /// `--dry-run`: what the address checks would say (country rules, address service), one line each.
    var addressChecks: [String]?
}
