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

    /// Ends edits as rejected or failed, keeping the reason. `observed` is what the read that
    /// settled them showed (the remote profile, or its 404).
    func finish(_ group: [ValidEdit], status: EditStatus, tries: [Int64: Int], error: String,
                observed: FetchedProfile? = nil) async throws {
        try await finish(group.map { ($0.edit.id, tries[$0.edit.id] ?? $0.edit.attempts) }, status: status, error: error,
                         observed: observed)
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

    /// Mirror from `profile` (the PUT's response, or the remote that already shows the edits)
    /// and the edits' `pushed` status in one transaction. History rows of `ownFields` have our
    /// push as source; any other field that changed is someone else's (`remote`).
    func commitPushed(_ group: [ValidEdit], customer: CustomerID, profile: BillingProfile, ownFields: Set<String>,
                      tries: [Int64: Int]) async throws {
        let ids = group.map(\.edit.id)
        let owner = environment.owner.id
        try await store.write { tx in
            _ = try MirrorWriter.apply([.found(customer, profile)], in: tx, source: .push, editID: ids.last,
                                       ownFields: ownFields, fieldEditIDs: Self.fieldEditIDs(group, fields: ownFields))
            for id in ids {
                try tx.updateEdit(id: id, status: .pushed, lastError: nil, attempts: tries[id],
                                  requestID: nil, resultETag: profile.etag, owner: owner)
            }
        }
        for _ in ids { observer.record(.editPushed) }
        logger.info("edit pushed", metadata: ["customer": "\(customer)", "edits": "\(ids)", "etag": "\(profile.etag ?? "")"])
    }

    /// Field → the edit of `group` (in queue order) whose value it took: the last one changing
    /// it. A history row of our push names that edit, so an edit released later (from review)
    /// sees which of our edits wrote each value (`ValidEdit.base(against:)` counts only those
    /// queued before it).
    static func fieldEditIDs(_ group: [ValidEdit], fields: Set<String>) -> [String: Int64] {
        let owners = GroupMerge.valueOwners(group)
        return Dictionary(uniqueKeysWithValues: fields.compactMap { field in owners[field.lowercased()].map { (field, $0) } })
    }

    /// Writes a remote that shows what an earlier PUT of ours (of unknown outcome until now) did:
    /// `ownFields` are attributed to our push, any other change to the remote.
    /// Each field is attributed to the edit of `landed` whose value it shows.
    func recordRevealed(_ remote: BillingProfile, customer: CustomerID, ownFields: Set<String>, landed: [ValidEdit]) async throws {
        try await store.write { tx in
            _ = try MirrorWriter.apply([.found(customer, remote)], in: tx, source: .push, editID: landed.map(\.edit.id).max(),
                                       ownFields: ownFields, fieldEditIDs: Self.fieldEditIDs(landed, fields: ownFields))
        }
    }

    /// Records a real conflict with base, local and remote versions; the mirror takes the remote.
    func recordConflict(_ item: ValidEdit, remote: BillingProfile, conflicts: [FieldConflict],
                        attempts: Int) async throws {
        let customer = item.edit.customerIDText
        let local = item.patch.applied(to: item.base)
        let owner = environment.owner.id
        try await store.write { tx in
            if let id = CustomerID(customer) {
                _ = try MirrorWriter.apply([.found(id, remote)], in: tx, source: .remote, editID: nil)
            }
            _ = try tx.recordConflict(editID: item.edit.id, customerID: customer, baseJSON: item.base.canonicalText(),
                                      localJSON: local.canonicalText(), remoteJSON: remote.resource.canonicalText(),
                                      fields: conflicts.map(\.field), remoteETag: remote.etag)
            let fields = conflicts.map(\.field).joined(separator: ", ")
            try tx.updateEdit(id: item.edit.id, status: .conflict, lastError: "conflict on \(fields)",
                              attempts: attempts, requestID: nil, resultETag: nil, owner: owner)
        }
        observer.record(.editConflicted)
        logger.warning("edit conflicts with a remote change", metadata: [
            "customer": "\(customer)", "edit": "\(item.edit.id)", "fields": "\(conflicts.map(\.field))",
        ])
    }
}
