import PartnerCenterModels

/// The merge rule, in one place: a customer's open edits are judged against the current remote
/// profile, each edit against the base it was queued on, and those that hold are merged into
/// one body to PUT.
///
/// Per field of an edit (a three-way merge of base, edit and remote): when the remote already
/// has the wanted value there is nothing to do; when the remote still has the base's value the
/// edit's value goes in; otherwise someone else changed it meanwhile: a conflict, and the edit
/// is taken out of the group whole. Values compare after treating absent as `null`; strings
/// compare exactly, so a change of letter case only is a real change. The edits that hold are
/// coalesced in queue order (a later edit's value wins) into the remote resource, so fields no
/// edit touches keep the remote's values, and remote `attributes`, `links`, unknown fields and
/// key spelling are kept.
enum GroupMerge {
    /// The verdict on one group.
    struct Verdict {
        /// Edits that hold, in queue order.
        var applicable: [ClaimedEdit] = []
        /// Edits that conflict, with the conflicting fields.
        var conflicts: [(edit: ClaimedEdit, fields: [FieldConflict])] = []
        /// The remote with the applicable edits' changes: the body to PUT.
        var merged: JSONValue
        /// The fields the PUT changes (their wanted value differs from the remote's).
        var changedFields: Set<String> = []
        /// Every applicable edit's fields already have the wanted values remotely.
        var alreadyApplied: Bool { changedFields.isEmpty }
    }

    static func judge(_ edits: [ClaimedEdit], remote: JSONValue) -> Verdict {
        var verdict = Verdict(merged: remote)
        for edit in edits {
            let fields = conflicts(base: edit.base(against: remote), patch: edit.patch, remote: remote)
            if fields.isEmpty {
                verdict.applicable.append(edit)
            } else {
                verdict.conflicts.append((edit, fields))
            }
        }
        (verdict.merged, verdict.changedFields) = body(applying: verdict.applicable.map(\.patch), to: remote)
        return verdict
    }

    /// The fields of `patch` (made against `base`) that the remote changed to something else
    /// than the edit wants, in documented field order.
    static func conflicts(base: JSONValue, patch: EditPatch, remote: JSONValue) -> [FieldConflict] {
        var conflicts: [FieldConflict] = []
        for path in patch.orderedPaths {
            let wanted = patch.changes[path] ?? nil
            let remoteValue = remote.value(atPath: path)
            if ProfileDiff.sameValue(remoteValue, wanted) { continue }
            let baseValue = base.value(atPath: path)
            if ProfileDiff.sameValue(remoteValue, baseValue) { continue }
            conflicts.append(FieldConflict(field: path, baseValue: ProfileDiff.textValue(baseValue),
                                           localValue: ProfileDiff.textValue(wanted),
                                           remoteValue: ProfileDiff.textValue(remoteValue)))
        }
        return conflicts
    }

    /// `remote` with `patches` coalesced in order (a later value wins), and the fields whose value
    /// that changes (none without patches).
    static func body(applying patches: [EditPatch], to remote: JSONValue) -> (JSONValue, Set<String>) {
        guard let first = patches.first else { return (remote, []) }
        let coalesced = patches.dropFirst().reduce(first) { $0.coalesced(with: $1) }
        var toApply: [String: JSONValue] = [:]
        for path in coalesced.orderedPaths {
            let wanted = coalesced.changes[path] ?? nil
            if !ProfileDiff.sameValue(remote.value(atPath: path), wanted) {
                toApply[path] = wanted ?? .null
            }
        }
        let merged = toApply.isEmpty ? remote : EditPatch(changes: toApply).applied(to: remote)
        return (merged, Set(toApply.keys))
    }

    /// Lower-cased path → the edit of `edits` (in queue order) whose value the merged body
    /// carries for it: the last one changing it.
    static func valueOwners(_ edits: [ClaimedEdit]) -> [String: Int64] {
        var owners: [String: Int64] = [:]
        for item in edits {
            for key in item.patch.changes.keys { owners[key.lowercased()] = item.edit.id }
        }
        return owners
    }

    /// True when every field of the edit has its wanted value remotely.
    static func isApplied(_ edit: ClaimedEdit, remote: JSONValue) -> Bool {
        edit.patch.orderedPaths.allSatisfy { ProfileDiff.sameValue(remote.value(atPath: $0), edit.patch.changes[$0] ?? nil) }
    }

    /// The fields of `edits` whose remote value is the wanted one: after a PUT of ours that may
    /// have landed, those are our change, not someone else's.
    static func fieldsAlreadyWanted(_ edits: [ClaimedEdit], remote: JSONValue) -> Set<String> {
        var fields: Set<String> = []
        for edit in edits {
            for path in edit.patch.orderedPaths where ProfileDiff.sameValue(remote.value(atPath: path), edit.patch.changes[path] ?? nil) {
                fields.insert(path)
            }
        }
        return fields
    }

    /// After a PUT of ours of unknown outcome: a field whose remote value an earlier edit of the
    /// group wants shows that edit landed (when a PUT was `sent` for it); the later edits of the
    /// group count that value as their base (our own queue applies in order), as
    /// `ClaimedEdit.base(against:)` does for pushes recorded in history.
    static func rebasedOnOwnLandedValues(_ edits: [ClaimedEdit], remote: JSONValue, sent: Set<Int64>) -> [ClaimedEdit] {
        edits.map { edit in
            var rebased = edit
            for earlier in edits where earlier.edit.id < edit.edit.id && sent.contains(earlier.edit.id) {
                for path in earlier.patch.orderedPaths
                where ProfileDiff.sameValue(remote.value(atPath: path), earlier.patch.changes[path] ?? nil) {
                    rebased.ownPushedSinceQueued[path, default: []].insert(ProfileDiff.textValue(remote.value(atPath: path)))
                }
            }
            return rebased
        }
    }
}
