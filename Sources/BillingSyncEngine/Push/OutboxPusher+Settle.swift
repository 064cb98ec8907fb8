import BillingSyncStore
import Foundation
import PartnerCenterModels

extension OutboxPusher {
    /// Writes what a push step decided (`PushRound.Decision.effects`), in order, and counts it.
    func apply(_ effects: [PushEffect], customer: CustomerID, tries: [Int64: Int], summary: inout Summary) async throws {
        for effect in effects {
            switch effect {
            case .settle(let settlement):
                try await settle(settlement, customer: customer, tries: tries)
                count(settlement, in: &summary)
            case .reveal(let remote, let ownFields, let landed):
                try await store.write { tx in
                    _ = try MirrorWriter.apply([.found(customer, remote)], in: tx, attribution: .push(
                        ours: ownFields, editIDs: Self.fieldEditIDs(landed, fields: ownFields), lastEdit: landed.map(\.edit.id).max()))
                }
            case .giveBack(let edits, let inDoubt, let reason):
                try await giveBack(edits, inDoubt: inDoubt, tries: tries, error: reason)
            }
        }
    }

    /// The one place where edits settle: their status, and what the mirror and its history
    /// receive (see `PushSettlement`), in one transaction. Writing the read (or the PUT's answer)
    /// with the status moves the mirror row past every fetch that began while the edits were
    /// open, so a fetch that may show a PUT of ours is never written as someone else's change.
    func settle(_ settlement: PushSettlement, customer: CustomerID, tries: [Int64: Int]) async throws {
        let owner = environment.owner.id
        try await store.write { tx in
            switch settlement {
            case .pushed(let edits, let profile, let ownFields):
                _ = try MirrorWriter.apply([.found(customer, profile)], in: tx, attribution: .push(
                    ours: ownFields, editIDs: Self.fieldEditIDs(edits, fields: ownFields), lastEdit: edits.last?.edit.id))
                for item in edits {
                    try tx.updateEdit(id: item.edit.id, status: .pushed, lastError: nil, attempts: tries[item.edit.id],
                                      requestID: nil, resultETag: profile.etag, owner: owner)
                }
            case .conflict(let item, let remote, let fields):
                _ = try MirrorWriter.apply([.found(customer, remote)], in: tx, attribution: .remote)
                _ = try tx.recordConflict(editID: item.edit.id, customerID: customer.rawValue,
                                          baseJSON: item.base.canonicalText(),
                                          localJSON: item.patch.applied(to: item.base).canonicalText(),
                                          remoteJSON: remote.resource.canonicalText(),
                                          fields: fields.map(\.field), remoteETag: remote.etag)
                try tx.updateEdit(id: item.edit.id, status: .conflict,
                                  lastError: "conflict on \(fields.map(\.field).joined(separator: ", "))",
                                  attempts: tries[item.edit.id] ?? 0, requestID: nil, resultETag: nil, owner: owner)
            case .ended(let edits, let status, let reason, let observed):
                if let observed {
                    _ = try MirrorWriter.apply([observed], in: tx, attribution: .remote)
                }
                for item in edits {
                    try tx.updateEdit(id: item.edit.id, status: status, lastError: reason,
                                      attempts: tries[item.edit.id] ?? item.edit.attempts, requestID: nil, resultETag: nil, owner: owner)
                }
            }
        }
        log(settlement, customer: customer)
    }

    /// Counts a settlement in the pass's summary and the metrics.
    private func count(_ settlement: PushSettlement, in summary: inout Summary) {
        let edits = settlement.edits.count
        let event: SyncEvent
        switch settlement {
        case .pushed:
            summary.pushed += edits
            event = .editPushed
        case .conflict:
            summary.conflicts += 1
            event = .editConflicted
        case .ended(_, let status, _, _):
            switch status {
            case .failed:
                summary.failed += edits
                event = .editFailed
            case .needsReview:
                summary.needsReview += edits
                event = .editNeedsReview
            default:
                summary.rejected += edits
                event = .editRejected
            }
        }
        for _ in 0..<edits { observer.record(event) }
    }

    private func log(_ settlement: PushSettlement, customer: CustomerID) {
        let ids = settlement.edits.map(\.edit.id)
        switch settlement {
        case .pushed(_, let profile, _):
            logger.info("edit pushed", metadata: ["customer": "\(customer)", "edits": "\(ids)", "etag": "\(profile.etag ?? "")"])
        case .conflict(_, _, let fields):
            logger.warning("edit conflicts with a remote change",
                           metadata: ["customer": "\(customer)", "edit": "\(ids)", "fields": "\(fields.map(\.field))"])
        case .ended(_, let status, let reason, _) where status == .failed:
            logger.error("edit failed", metadata: ["customer": "\(customer)", "edits": "\(ids)", "reason": "\(reason)"])
        case .ended(_, let status, let reason, _):
            logger.warning("edits not pushed", metadata: [
                "customer": "\(customer)", "edits": "\(ids)", "status": "\(status.rawValue)", "reason": "\(reason)",
            ])
        }
    }

    /// Field → the edit of `group` (in queue order) whose value it took: the last one changing
    /// it. A history row of our push names that edit, so an edit released later (from review)
    /// sees which of our edits wrote each value (`ClaimedEdit.base(against:)` counts only those
    /// queued before it).
    static func fieldEditIDs(_ group: [ClaimedEdit], fields: Set<String>) -> [String: Int64] {
        let owners = GroupMerge.valueOwners(group)
        return Dictionary(uniqueKeysWithValues: fields.compactMap { field in owners[field.lowercased()].map { (field, $0) } })
    }
}
