/// Where a recorded field change came from (`profile_history.source`).
public enum ChangeSource: String, Sendable, CaseIterable {
    /// Someone changed the profile in Partner Center; seen by a poll or the audit feed.
    case remote
    /// This daemon pushed a local edit from the outbox.
    case push
    /// The mirror's columns were changed by hand and restored from the last fetched resource.
    case localTampering = "local_tampering"
}
