/// One field changed both locally and remotely to different values (values as
/// `ProfileDiff.textValue` text; nil = null or absent).
public struct FieldConflict: Sendable, Equatable {
    /// The documented field path.
    public let field: String
    /// The value when the edit was made.
    public let baseValue: String?
    /// The value the edit wants.
    public let localValue: String?
    /// The value Partner Center has now.
    public let remoteValue: String?

    /// Creates a conflict record.
    public init(field: String, baseValue: String?, localValue: String?, remoteValue: String?) {
        self.field = field
        self.baseValue = baseValue
        self.localValue = localValue
        self.remoteValue = remoteValue
    }
}
