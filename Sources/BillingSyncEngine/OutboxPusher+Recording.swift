import BillingSyncStore
import Foundation
import PartnerCenterModels

extension OutboxPusher {
    /// Sets the status of edits (one transaction). `requestID: nil` keeps the stored one.
    func mark(_ ids: [Int64], status: EditStatus, attempts: Int, requestID: UUID?, error: String?) async throws {
        try await store.write { tx in
            for id in ids {
                try tx.updateEdit(id: id, status: status, lastError: error, attempts: attempts,
                                  requestID: requestID.map { .some($0.uuidString) }, resultETag: nil)
            }
        }
    }

    /// Ends edits as rejected or failed, keeping the reason.
    func finish(_ ids: [Int64], status: EditStatus, error: String, attempts: Int) async throws {
        try await mark(ids, status: status, attempts: attempts, requestID: nil, error: error)
    }

    /// Mirror from the PUT's response and the edits' `pushed` status in one transaction, with
    /// history rows whose source is our push (so they are not reported as remote drift).
    func commitPushed(_ ids: [Int64], customer: CustomerID, profile: BillingProfile, patch: EditPatch,
                      attempts: Int, requestID: UUID) async throws {
        let ownFields = Set(patch.changes.keys)
        try await store.write { tx in
            _ = try MirrorWriter.apply([.found(customer, profile, rawJSON: profile.rawJSON)], in: tx,
                                       source: .push, editID: ids.last, ownFields: ownFields)
            for id in ids {
                try tx.updateEdit(id: id, status: .pushed, lastError: nil, attempts: attempts,
                                  requestID: .some(requestID.uuidString), resultETag: profile.etag)
            }
        }
        for _ in ids { observer.record(.editPushed) }
        logger.info("edit pushed", metadata: ["customer": "\(customer)", "edits": "\(ids)", "etag": "\(profile.etag ?? "")"])
    }

    /// Records a real conflict with base, local and remote versions; the mirror takes the remote.
    func recordConflict(_ item: ValidEdit, patch: EditPatch, remote: BillingProfile, conflicts: [FieldConflict],
                        attempts: Int) async throws {
        let customer = item.edit.customerIDText
        let local = patch.applied(to: item.base ?? remote.resource)
        try await store.write { tx in
            if let id = CustomerID(customer) {
                _ = try MirrorWriter.apply([.found(id, remote, rawJSON: remote.rawJSON)], in: tx, source: .remote, editID: nil)
            }
            _ = try tx.recordConflict(editID: item.edit.id, customerID: customer, baseJSON: item.base?.canonicalText(),
                                      localJSON: local.canonicalText(), remoteJSON: remote.resource.canonicalText(),
                                      fields: conflicts.map(\.field), remoteETag: remote.etag)
            let fields = conflicts.map(\.field).joined(separator: ", ")
            try tx.updateEdit(id: item.edit.id, status: .conflict, lastError: "conflict on \(fields)",
                              attempts: attempts, requestID: nil, resultETag: nil)
        }
        observer.record(.editConflicted)
        logger.warning("edit conflicts with a remote change", metadata: [
            "customer": "\(customer)", "edit": "\(item.edit.id)", "fields": "\(conflicts.map(\.field))",
        ])
    }
}
