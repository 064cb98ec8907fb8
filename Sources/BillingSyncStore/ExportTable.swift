/// The rows of one documented view, as text, for `billing-sync export`.
public struct ExportTable: Sendable, Hashable {
    /// The views that may be exported (docs/schema.md documents their columns).
    public static let views = ["current_profiles", "recent_drift", "open_conflicts", "pending_edits"]

    /// The column names, in view order.
    public var columns: [String]
    /// One array per row, values as text (nil for NULL; blobs as hex).
    public var rows: [[String?]]
}
