/// An edit that could not be merged with a concurrent remote change (a row of `conflicts`).
public struct ConflictRecord: Sendable, Hashable {
    /// `conflicts.id`.
    public var id: Int64
    /// The outbox edit in conflict.
    public var editID: Int64
    /// The customer, as text (same as the edit's).
    public var customerID: String
    /// The profile the edit was based on (JSON), if known.
    public var baseJSON: String?
    /// The profile with the edit applied (JSON).
    public var localJSON: String
    /// The current remote profile (JSON).
    public var remoteJSON: String
    /// Dotted paths changed on both sides.
    public var fields: [String]
    /// ETag of the remote profile.
    public var remoteETag: String?
    /// When the conflict was found (ISO-8601 UTC).
    public var detectedAt: String
    /// nil while open; `keep_remote` or `reapply` once resolved.
    public var resolution: String?
    /// When it was resolved.
    public var resolvedAt: String?

    /// True while nobody has resolved it.
    public var isOpen: Bool { resolution == nil }
}
