import PartnerCenterModels

/// The outcome of merging a local edit into the current remote profile.
public struct MergeResult: Sendable, Equatable {
    /// The remote resource with the edit's non-conflicting fields applied; remote `attributes`,
    /// `links`, unknown fields and key spelling are kept. This is the body to PUT.
    public let merged: JSONValue
    /// Fields that the remote changed (against the base) to something other than the edit wants.
    public let conflicts: [FieldConflict]
    /// Every field of the edit already has the wanted value remotely: nothing to PUT.
    public let alreadyApplied: Bool

    /// Creates a result.
    public init(merged: JSONValue, conflicts: [FieldConflict], alreadyApplied: Bool) {
        self.merged = merged
        self.conflicts = conflicts
        self.alreadyApplied = alreadyApplied
    }
}

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
