import PartnerCenterModels

/// Resolving the field names users type to documented, editable billing-profile fields.
extension EditPatch {
    /// Top-level members Partner Center manages itself; a patch may not touch them.
    static let serverManagedMembers: Set<String> = ["id", "links", "attributes"]

    /// True for a path that only groups fields (`defaultAddress`), ignoring case.
    static func isGroup(_ path: String) -> Bool {
        let prefix = path.lowercased() + "."
        return BillingProfileField.all.contains { $0.path.lowercased().hasPrefix(prefix) }
    }

    /// The editable documented field at `path` (any case), or an error that explains why not
    /// and, for a typo, names the nearest editable field.
    static func editableField(_ path: String) throws(EditPatchError) -> BillingProfileField {
        let first = path.split(separator: ".").first.map { $0.lowercased() } ?? ""
        if serverManagedMembers.contains(first) && BillingProfileField.named(path)?.isEditable != true {
            throw EditPatchError(.notEditable, field: path,
                                 "\(path) is managed by Partner Center and cannot be edited")
        }
        guard let field = BillingProfileField.named(path) else {
            let suggestion = nearestEditable(to: path)
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            throw EditPatchError(.unknownField, field: path, suggestion: suggestion,
                                 "\(path) is not a documented billing-profile field\(hint)")
        }
        guard field.isEditable else {
            throw EditPatchError(.notEditable, field: field.path,
                                 "\(field.path) is managed by Partner Center and cannot be edited")
        }
        return field
    }

    /// The editable field closest to `path` by edit distance over the whole path or its last
    /// component (so `city` suggests `defaultAddress.city`), when it is close enough.
    static func nearestEditable(to path: String) -> String? {
        let lowered = path.lowercased()
        let leaf = lowered.split(separator: ".").last.map(String.init) ?? lowered
        var best: (field: BillingProfileField, score: Int, whole: Int)?
        for field in BillingProfileField.all where field.isEditable {
            let candidate = field.path.lowercased()
            let candidateLeaf = candidate.split(separator: ".").last.map(String.init) ?? candidate
            let whole = editDistance(lowered, candidate)
            let score = min(whole, editDistance(leaf, candidateLeaf))
            if best == nil || (score, whole) < (best!.score, best!.whole) {
                best = (field, score, whole)
            }
        }
        guard let best, best.score <= max(2, leaf.count / 3) else { return nil }
        return best.field.path
    }

    /// Levenshtein distance between two strings, by characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs), right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        var previous = Array(0...right.count)
        for (i, leftChar) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, rightChar) in right.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1,
                                           previous[j] + (leftChar == rightChar ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}
