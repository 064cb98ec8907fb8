/// An operator's way out for an edit in `needs_review`.
public enum ReviewAction: Sendable, Hashable {
    /// Re-queue with suggestion `number` (1-based) of the address service: the patch gets the
    /// suggested address; the base stays the original's.
    case accept(number: Int, patch: String)
    /// Push the edit as queued, without the address service's approval (recorded).
    case pushAsIs
    /// Drop the edit (final).
    case cancel

    /// The text stored in `outbox.review_action`.
    public var recorded: String {
        switch self {
        case .accept(let number, _): "accepted:\(number)"
        case .pushAsIs: "push_as_is"
        case .cancel: "cancelled"
        }
    }
}
