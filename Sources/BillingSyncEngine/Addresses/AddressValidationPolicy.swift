/// What the pusher does with Partner Center's address service before a PUT that changes the
/// address (`[push] address_validation`). The country rules are checked under `require` and
/// `warn` alike: a violation in a field the edit changes rejects it.
public enum AddressValidationPolicy: String, Sendable, CaseIterable {
    /// A country-rule violation in a changed field rejects the edit; an address the service does
    /// not call Verified/VerifiedShippable is not pushed: the edit waits in `needs_review` with
    /// the reason and the suggestions.
    case require
    /// Nothing is blocked: rule violations are logged, the service's answer is recorded, the
    /// edit is pushed.
    case warn
    /// Neither the rules nor the service are consulted (no call is made).
    case off
}
