/// One answer of the address service, as kept in `address_validations`.
public struct AddressValidationRecord: Sendable, Hashable {
    /// Where a check came from.
    public enum Source: String, Sendable {
        /// Checking a queued edit before its PUT.
        case push
        /// `billing-sync addresses check` over the mirror.
        case audit
    }

    /// `address_validations.id` (0 before it is stored).
    public var id: Int64 = 0
    /// The edit checked, for `.push`.
    public var outboxID: Int64?
    /// The customer (lower-case GUID text).
    public var customerID: String
    /// The service's status, raw (e.g. `StreetPartial`; `RulesOnly` when the service was not asked).
    public var status: String
    /// JSON array of the suggested addresses.
    public var suggestionsJSON: String
    /// The service's message.
    public var message: String?
    /// JSON array of the local country-rule findings (texts).
    public var ruleFindingsJSON: String
    /// `billing_profiles.content_hash` of the profile checked (audit), so an unchanged profile is
    /// not checked again.
    public var profileHash: String?
    /// When (ISO-8601 UTC).
    public var checkedAt: String
    /// Push or audit.
    public var source: Source

    /// Creates a record.
    public init(id: Int64 = 0, outboxID: Int64?, customerID: String, status: String, suggestionsJSON: String,
                message: String?, ruleFindingsJSON: String, profileHash: String?, checkedAt: String, source: Source) {
        self.id = id
        self.outboxID = outboxID
        self.customerID = customerID
        self.status = status
        self.suggestionsJSON = suggestionsJSON
        self.message = message
        self.ruleFindingsJSON = ruleFindingsJSON
        self.profileHash = profileHash
        self.checkedAt = checkedAt
        self.source = source
    }
}
