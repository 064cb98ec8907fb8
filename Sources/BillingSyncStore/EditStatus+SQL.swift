extension EditStatus {
    /// Not yet settled: queued, or a PUT in flight. The pusher claims, recovers and merges these.
    public static let open: [EditStatus] = [.pending, .pushing]

    /// The status as an SQL string literal, e.g. `'needs_review'` (every raw value is a plain word).
    var sql: String { "'\(rawValue)'" }

    /// `statuses` as the inside of an SQL `IN (…)` list, e.g. `'pending', 'pushing'`.
    static func sqlList(_ statuses: [EditStatus]) -> String {
        statuses.map(\.sql).joined(separator: ", ")
    }

    /// `EditStatus.open` as the inside of an SQL `IN (…)` list.
    static let openSQL = sqlList(open)
}
