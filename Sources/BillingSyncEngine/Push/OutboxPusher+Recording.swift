import BillingSyncStore
import Foundation
import PartnerCenterModels

extension OutboxPusher {
    /// Sets the status of this pusher's claimed edits (one transaction) and renews the claim.
    /// `request` stores the MS-RequestId with the fingerprint of the PUT it names.
    func mark(_ group: [ValidEdit], status: EditStatus, tries: [Int64: Int], error: String?,
              request: (id: UUID, fingerprint: String)? = nil) async throws {
        let owner = environment.owner.id
        let leaseUntil = environment.timestamp(after: configuration.pushClaimLease)
        let ids = group.map(\.edit.id)
        try await store.write { tx in
            for id in ids {
                try tx.updateEdit(id: id, status: status, lastError: error, attempts: tries[id],
                                  requestID: request.map { .some($0.id.uuidString) }, resultETag: nil,
                                  fingerprint: request.map { .some($0.fingerprint) }, owner: owner, leaseUntil: leaseUntil)
            }
        }
    }

    /// Gives edits back for a later pass: `pushing` while a PUT of theirs may have landed (so
    /// fetches keep off the customer's mirror row and recovery reads the remote first), else
    /// `pending`.
    func park(_ group: [ValidEdit], inDoubt: Bool, tries: [Int64: Int], error: String) async throws {
        try await mark(group, status: inDoubt ? .pushing : .pending, tries: tries, error: error)
    }

    /// Ends edits (id, attempts) as rejected or failed, keeping the reason.
    ///
    /// `observed`, when given, is written to the mirror in the same transaction. The row then
    /// moves past every fetch that began before the read that settled the edits, so a fetch that
    /// may show a PUT of ours whose outcome was in doubt (it landed, then the customer went, or
    /// another admin put the old value back) can no longer be written as someone else's change.
    func finish(_ items: [(id: Int64, attempts: Int)], status: EditStatus, error: String,
                observed: FetchedProfile? = nil) async throws {
        let owner = environment.owner.id
        try await store.write { tx in
            if let observed {
                _ = try MirrorWriter.apply([observed], in: tx, source: .remote, editID: nil)
            }
            for item in items {
                try tx.updateEdit(id: item.id, status: status, lastError: error, attempts: item.attempts,
                                  requestID: nil, resultETag: nil, owner: owner)
            }
        }
    }
}
