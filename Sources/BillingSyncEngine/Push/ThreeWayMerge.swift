import PartnerCenterModels

/// Field-level three-way merge of a local edit with the current remote billing profile.
public enum ThreeWayMerge {
    /// Merges `patch` (made against `base`) into `remote`.
    ///
    /// For each field of the patch: if the remote already has the wanted value it is done;
    /// otherwise, if `base` is nil or the remote still has the base value, the edit's value is
    /// applied; otherwise (the remote changed it to something else) it is a conflict and the
    /// remote value is kept. Fields not in the patch always keep the remote value.
    ///
    /// `base` is the snapshot the edit was made against; nil when unknown (e.g. an edit inserted
    /// with plain SQL), which means "the remote at the first push attempt": no conflicts are
    /// possible. Values compare after treating absent as `null`; strings compare exactly, so a
    /// change of letter case only is a real change.
    public static func merge(base: JSONValue?, patch: EditPatch, remote: JSONValue) -> MergeResult {
        var toApply: [String: JSONValue] = [:]
        var conflicts: [FieldConflict] = []
        for path in patch.orderedPaths {
            let wanted = patch.changes[path]
            let remoteValue = remote.value(atPath: path)
            if ProfileDiff.sameValue(remoteValue, wanted) { continue }
            let baseValue = base?.value(atPath: path)
            if base == nil || ProfileDiff.sameValue(remoteValue, baseValue) {
                toApply[path] = wanted ?? .null
            } else {
                conflicts.append(FieldConflict(field: path,
                                               baseValue: ProfileDiff.textValue(baseValue),
                                               localValue: ProfileDiff.textValue(wanted),
                                               remoteValue: ProfileDiff.textValue(remoteValue)))
            }
        }
        let merged = toApply.isEmpty ? remote : EditPatch(changes: toApply).applied(to: remote)
        return MergeResult(merged: merged, conflicts: conflicts,
                           alreadyApplied: toApply.isEmpty && conflicts.isEmpty)
    }
}
