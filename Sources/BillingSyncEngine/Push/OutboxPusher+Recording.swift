import BillingSyncStore
import Foundation
import PartnerCenterModels

extension OutboxPusher {
    /// Sets the status of this pusher's claimed edits (one transaction) and renews the claim.
    /// `request` stores the MS-RequestId with the fingerprint of the PUT it names.
    func setStatus(_ group: [ClaimedEdit], status: EditStatus, tries: [Int64: Int], error: String?,
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
    func giveBack(_ group: [ClaimedEdit], inDoubt: Bool, tries: [Int64: Int], error: String) async throws {
        try await setStatus(group, status: inDoubt ? .pushing : .pending, tries: tries, error: error)
    }

    /// Ends edits (id, attempts) that failed validation as `rejected`, keeping the reason (they
    /// never reached a read, so the mirror is left alone).
    func rejectInvalid(_ items: [(id: Int64, attempts: Int)], error: String) async throws {
        let owner = environment.owner.id
        try await store.write { tx in
            for item in items {
                try tx.updateEdit(id: item.id, status: .rejected, lastError: error, attempts: item.attempts,
                                  requestID: nil, resultETag: nil, owner: owner)
            }
        }
    }
}
