import PartnerCenterModels

/// One write a push step asks for, in order: a settlement, a remote that reveals what an
/// earlier PUT of ours did, or edits given back for a later pass.
enum PushEffect {
    /// Edits leave the push (`PushSettlement`).
    case settle(PushSettlement)
    /// The remote shows what an earlier PUT of ours (of unknown outcome until now) did:
    /// `ownFields` are our push (each attributed to the edit of `landed` whose value it shows),
    /// any other change is the remote's. The edits stay open.
    case reveal(BillingProfile, ownFields: Set<String>, landed: [ClaimedEdit])
    /// Edits go back for a later pass: `pushing` while a PUT of theirs may have landed (fetches
    /// keep off the customer's row, and recovery reads the remote first), else `pending`.
    case giveBack([ClaimedEdit], inDoubt: Bool, reason: String)
}
