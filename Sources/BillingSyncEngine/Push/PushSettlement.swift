import BillingSyncStore
import PartnerCenterModels

/// How edits leave the push, and with them what the mirror and its history receive: the one
/// place that decides it (`OutboxPusher.settle(_:)` applies it in one transaction).
///
/// | settlement | edits become | the mirror receives | history names |
/// |---|---|---|---|
/// | `pushed` | `pushed`, `result_etag` | the PUT's answer, or the read that shows the edits applied | our push for `ownFields` (each field the edit whose value it took), the remote for any other change |
/// | `conflict` | `conflict`, a `conflicts` row | the read | the remote |
/// | `ended` | `rejected`, `failed` or `needs_review` | the read (`observed`: the profile or its 404), or nothing | the remote |
enum PushSettlement {
    /// The edits are applied remotely: `profile` is our PUT's answer (`ownFields` the fields it
    /// changed) or a read that already shows them (`ownFields` empty: nothing of ours in it).
    case pushed([ClaimedEdit], profile: BillingProfile, ownFields: Set<String>)
    /// Someone else changed a field the edit changes: recorded with base, local and remote.
    case conflict(ClaimedEdit, remote: BillingProfile, fields: [FieldConflict])
    /// The edits end with `status` and `reason`; `observed` is what the read that settled them
    /// showed, written to the mirror so the row moves past every fetch that began before it.
    case ended([ClaimedEdit], status: EditStatus, reason: String, observed: FetchedProfile?)

    /// The edits this settles.
    var edits: [ClaimedEdit] {
        switch self {
        case .pushed(let edits, _, _), .ended(let edits, _, _, _): edits
        case .conflict(let edit, _, _): [edit]
        }
    }
}
