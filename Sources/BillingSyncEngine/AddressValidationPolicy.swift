/// What the pusher does with Partner Center's address service before a PUT that changes the
/// address (`[push] address_validation`). The country rules are checked under `require` and
/// `warn` alike: a violation in a field the edit changes rejects it.
public enum AddressValidationPolicy: String, Sendable, CaseIterable {
    /// An address the service does not call Verified/VerifiedShippable is not pushed: the edit
    /// waits in `needs_review` with the reason and the suggestions.
    case require
    /// The address is pushed whatever the service says; the answer is recorded.
    case warn
    /// Neither the rules nor the service are consulted (no call is made).
    case off
}
