import BillingSyncStore
import PartnerCenterModels

/// Closes recorded conflicts: keep the remote version, or re-apply the local edit on top of the
/// current remote (a new outbox edit whose base is the mirrored remote).
public struct ConflictResolver: Sendable {
    /// How an operator closes a conflict.
    public enum Resolution: String, Sendable {
        case keepRemote = "keep_remote"
        case reapply
    }

    /// A conflict that cannot be resolved as asked.
    public struct ResolveError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    let store: StoreWriter

    public init(store: StoreWriter) {
        self.store = store
    }

    /// Resolves conflict `id`; for `.reapply` returns the id of the new outbox edit.
    @discardableResult
    public func resolve(_ id: Int64, as resolution: Resolution, by user: String) async throws -> Int64? {
        try await store.write { tx in
            guard let conflict = try tx.conflict(id: id) else {
                throw ResolveError(description: "no conflict with id \(id)")
            }
            guard conflict.resolution == nil else {
                throw ResolveError(description: "conflict \(id) is already resolved (\(conflict.resolution ?? ""))")
            }
            var newEdit: Int64?
            if resolution == .reapply {
                guard let edit = try tx.edit(id: conflict.editID), let customer = CustomerID(conflict.customerID) else {
                    throw ResolveError(description: "the edit of conflict \(id) is gone")
                }
                newEdit = try tx.enqueueEdit(customerID: customer.rawValue, patch: edit.patchText,
                                             queuedBy: "\(user) (reapply of conflict \(id))")
            }
            try tx.resolveConflict(id: id, resolution: resolution.rawValue)
            return newEdit
        }
    }
}
