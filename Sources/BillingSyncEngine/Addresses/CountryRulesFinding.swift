/// One result of checking a profile against its country's rules: a violation, or a check that
/// could not be made (a .NET regex this platform cannot compile).
public struct CountryRulesFinding: Sendable, Hashable, CustomStringConvertible {
    /// Whether the profile broke the rule or the rule was skipped.
    public enum Kind: String, Sendable {
        case violation
        case skipped
    }

    /// The profile field concerned, e.g. `defaultAddress.postalCode`.
    public let field: String
    /// The rule, e.g. `postalCodeRegex`.
    public let rule: String
    /// A sentence naming the field, the value and the rule.
    public let message: String
    /// Violation or skipped check.
    public let kind: Kind

    public var description: String { message }
}
