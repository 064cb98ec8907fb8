import PartnerCenterModels

/// One changed field of one billing profile, to be appended to `profile_history`.
public struct HistoryEntry: Sendable, Hashable {
    /// The customer whose profile changed.
    public var customerID: CustomerID
    /// Dotted field path, e.g. `defaultAddress.city`.
    public var field: String
    /// Value before the change (nil: absent or null).
    public var oldValue: String?
    /// Value after the change (nil: absent or null).
    public var newValue: String?
    /// ETag of the profile before the change.
    public var oldETag: String?
    /// ETag of the profile after the change.
    public var newETag: String?
    /// What caused the change.
    public var source: ChangeSource
    /// The outbox edit that caused it, for `.push`.
    public var editID: Int64?

    /// Creates an entry; `detected_at` is set by the store when it is appended.
    public init(customerID: CustomerID, field: String, oldValue: String?, newValue: String?,
                oldETag: String?, newETag: String?, source: ChangeSource, editID: Int64? = nil) {
        self.customerID = customerID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldETag = oldETag
        self.newETag = newETag
        self.source = source
        self.editID = editID
    }
}
