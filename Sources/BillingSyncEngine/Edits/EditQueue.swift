import BillingSyncStore
import PartnerCenterModels

/// Queues local edits into the outbox. The base an edit is judged against is the mirror row as
/// it is when the edit is queued (its ETag and `raw_json`), built by the store's trigger for
/// this insert exactly as for a plain SQL `INSERT` (docs/schema.md): one rule for every path.
/// What `billing-sync edit` uses (`resolve --reapply` queues the same way).
public struct EditQueue: Sendable {
    let store: StoreWriter

    public init(store: StoreWriter) {
        self.store = store
    }

    /// The result of queueing: the outbox id, and the problems when the edit was stored as `rejected`.
    public struct Queued: Sendable, Equatable {
        public let editID: Int64
        public let problems: [String]
        public var isRejected: Bool { !problems.isEmpty }
    }

    /// Stores the edit. An edit that cannot be valid (customer not mirrored, a documented limit
    /// broken) is stored as `rejected` with the reason instead of `pending`, so it is never lost
    /// and never pushed.
    public func enqueue(customer: CustomerID, patch: EditPatch, queuedBy: String) async throws -> Queued {
        try await store.write { tx in
            let mirrored = try tx.profile(customer)
            var problems: [String] = []
            if mirrored == nil {
                problems.append("customer \(customer) is not mirrored (run a sync first, or check the id)")
            } else if mirrored?.status != .ok {
                problems.append("customer \(customer) has no billing profile at Partner Center (404 at last fetch)")
            }
            problems += EditValidator.problems(patch: patch, appliedTo: mirrored?.resource)
            let id = try tx.enqueueEdit(customerID: customer.rawValue, patch: patch.mergePatchJSON().canonicalText(),
                                        queuedBy: queuedBy)
            if !problems.isEmpty {
                try tx.updateEdit(id: id, status: .rejected, lastError: problems.joined(separator: "; "),
                                  attempts: 0, requestID: nil, resultETag: nil)
            }
            return Queued(editID: id, problems: problems)
        }
    }
}
