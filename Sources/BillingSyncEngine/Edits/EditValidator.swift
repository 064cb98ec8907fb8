import PartnerCenterModels

/// Checks an edit against the documented billing-profile limits before it is queued or pushed.
public enum EditValidator {
    /// Validates the patch and the profile it would produce; returns the reasons, one line each
    /// (empty = valid).
    ///
    /// Every changed field must be documented and editable and its new value must satisfy
    /// `BillingProfileField.violation(for:)` (clearing a required field is reported). With a
    /// `base` profile, the profile after the edit is also checked with
    /// `BillingProfileField.violations(in:)`, which adds the cross-field rules (a phone number is
    /// required in some countries) and problems of untouched fields that Partner Center would
    /// reject on the full-resource PUT. Without a base only the per-field checks can run.
    public static func problems(patch: EditPatch, appliedTo base: JSONValue?) -> [String] {
        var problems: [String] = []
        if patch.changes.isEmpty {
            problems.append("the edit changes no field")
        }
        for path in patch.orderedPaths {
            guard let field = BillingProfileField.named(path) else {
                problems.append("\(path) is not a documented billing-profile field")
                continue
            }
            guard field.isEditable else {
                problems.append("\(field.path) is managed by Partner Center and cannot be edited")
                continue
            }
            if let problem = field.violation(for: patch.changes[path]) {
                problems.append(problem)
            }
        }
        if let base {
            for problem in BillingProfileField.violations(in: patch.applied(to: base))
            where !problems.contains(problem) {
                problems.append(problem)
            }
        }
        return problems
    }
}
