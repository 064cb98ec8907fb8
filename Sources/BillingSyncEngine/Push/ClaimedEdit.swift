import BillingSyncStore
import PartnerCenterModels

/// An edit the pusher claimed for a round and found pushable (`OutboxPusher.validate`): the outbox
/// row, its parsed patch, and the base it was queued on that `PushRound` merges against.
struct ClaimedEdit: Sendable {
    let edit: OutboxEdit
    let patch: EditPatch
    /// The mirror row as it was when the edit was queued (`outbox.base_snapshot`).
    let base: JSONValue
    /// Values our own pushes of earlier edits wrote to fields after this edit was queued (history
    /// text), by field: an earlier edit of ours that was in flight when this one was queued.
    var ownPushedSinceQueued: [String: Set<String?>] = [:]

    /// The base to judge this edit against `remote`: its queue-time base, except that a field
    /// whose remote value one of our own later-landed pushes wrote counts as based on that value.
    /// Our own queue applies in order: a later edit replaces what an earlier one of ours set,
    /// and that is no conflict. Anyone else's change still is.
    func base(against remote: JSONValue) -> JSONValue {
        var rebased = base
        for path in patch.orderedPaths {
            guard let pushed = ownPushedSinceQueued[path] else { continue }
            let current = remote.value(atPath: path)
            if pushed.contains(ProfileDiff.textValue(current)) { rebased.setValue(current ?? .null, atPath: path) }
        }
        return rebased
    }
}
