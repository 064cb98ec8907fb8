/// One field whose value differs between two versions of a billing profile (a history row).
public struct FieldChange: Sendable, Equatable {
    /// Dotted path: the documented camelCase path, or the resource's own spelling for an
    /// unknown member (`extraField`, `defaultAddress.extra`).
    public let field: String
    /// The value before, as text (`ProfileDiff.textValue`); nil when null or absent.
    public let oldValue: String?
    /// The value after, as text; nil when null or absent.
    public let newValue: String?

    /// Creates a change record.
    public init(field: String, oldValue: String?, newValue: String?) {
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}
