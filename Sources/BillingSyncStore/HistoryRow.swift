/// A stored `profile_history` row: the entry plus its id and detection time.
public struct HistoryRow: Sendable, Hashable {
    /// `profile_history.id`.
    public var id: Int64
    /// The recorded change.
    public var entry: HistoryEntry
    /// When the change was detected (ISO-8601 UTC).
    public var detectedAt: String
}
