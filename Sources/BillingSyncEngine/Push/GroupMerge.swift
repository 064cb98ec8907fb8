import PartnerCenterModels

/// Judges a customer's open edits against the current remote profile, each edit against the
/// base it was queued on, and merges those that hold into one body to PUT.
///
/// An edit conflicts when a field it changes has, remotely, neither the value it wants nor the
/// value of its own base (someone else changed it meanwhile); such an edit is taken out of the
/// group whole. The edits that hold are coalesced in queue order (a later edit's value wins)
/// into the remote resource, so fields no edit touches keep the remote's values.
enum GroupMerge {
    /// The verdict on one group.
    struct Verdict {
        /// Edits that hold, in queue order.
        var applicable: [ValidEdit] = []
        /// Edits that conflict, with the conflicting fields.
        var conflicts: [(edit: ValidEdit, fields: [FieldConflict])] = []
        /// The remote with the applicable edits' changes: the body to PUT.
        var merged: JSONValue
        /// The fields the PUT changes (their wanted value differs from the remote's).
        var changedFields: Set<String> = []
        /// Every applicable edit's fields already have the wanted values remotely.
        var alreadyApplied: Bool { changedFields.isEmpty }
    }

    static func judge(_ edits: [ValidEdit], remote: JSONValue) -> Verdict {
        var verdict = Verdict(merged: remote)
        for edit in edits {
            let result = ThreeWayMerge.merge(base: edit.base(against: remote), patch: edit.patch, remote: remote)
            if result.conflicts.isEmpty {
                verdict.applicable.append(edit)
            } else {
                verdict.conflicts.append((edit, result.conflicts))
            }
        }
        guard let first = verdict.applicable.first else { return verdict }
        let coalesced = verdict.applicable.dropFirst().reduce(first.patch) { $0.coalesced(with: $1.patch) }
        var toApply: [String: JSONValue] = [:]
        for path in coalesced.orderedPaths {
            let wanted = coalesced.changes[path] ?? nil
            if !ProfileDiff.sameValue(remote.value(atPath: path), wanted) {
                toApply[path] = wanted ?? .null
            }
        }
        verdict.changedFields = Set(toApply.keys)
        if !toApply.isEmpty { verdict.merged = EditPatch(changes: toApply).applied(to: remote) }
        return verdict
    }

    /// Lower-cased path → the edit of `edits` (in queue order) whose value the merged body
    /// carries for it: the last one changing it.
    static func valueOwners(_ edits: [ValidEdit]) -> [String: Int64] {
        var owners: [String: Int64] = [:]
        for item in edits {
            for key in item.patch.changes.keys { owners[key.lowercased()] = item.edit.id }
        }
        return owners
    }

    /// True when every field of the edit has its wanted value remotely.
    static func isApplied(_ edit: ValidEdit, remote: JSONValue) -> Bool {
        edit.patch.orderedPaths.allSatisfy { ProfileDiff.sameValue(remote.value(atPath: $0), edit.patch.changes[$0] ?? nil) }
    }

    /// The fields of `edits` whose remote value is the wanted one: after a PUT of ours that may
    /// have landed, those are our change, not someone else's.
    static func fieldsAlreadyWanted(_ edits: [ValidEdit], remote: JSONValue) -> Set<String> {
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
    /// `ValidEdit.base(against:)` does for pushes recorded in history.
    static func rebasedOnOwnLandedValues(_ edits: [ValidEdit], remote: JSONValue, sent: Set<Int64>) -> [ValidEdit] {
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
