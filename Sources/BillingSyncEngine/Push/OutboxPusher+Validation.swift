import BillingSyncStore
import PartnerCenterModels

extension OutboxPusher {
    /// Splits a customer's edits into valid ones and rejections with a reason naming what is
    /// wrong. Rejected edits stay in the outbox with that reason; nothing is deleted. Edits of a
    /// customer the mirror does not hold, before the first full reconcile has completed, are
    /// neither (both lists empty): they stay pending until the mirror is complete (edits salvaged
    /// by `db recover` into a new database).
    ///
    /// Every edit is judged against its queue-time base. The `outbox_queue_time_base` trigger
    /// fills it for a plain SQL insert; an edit without one (the customer was not mirrored when
    /// it was queued, or its `base_etag` named another version than the mirror's) cannot be
    /// judged and is rejected, never pushed against what the mirror shows later.
    func validate(_ edits: [OutboxEdit]) async throws -> (CustomerID?, [ClaimedEdit], [(OutboxEdit, String)]) {
        guard let first = edits.first else { return (nil, [], []) }
        guard let customer = CustomerID(first.customerIDText) else {
            let reason = InvalidCustomerID(value: first.customerIDText).description
            return (nil, [], edits.map { ($0, reason) })
        }
        let (mirrored, reconciled) = try await store.read { tx in
            (try tx.profile(customer), try tx.checkpoint(Reconciler.lastSuccessKey) != nil)
        }
        // Before any full reconcile has completed (a new or recovered database) the mirror is
        // not yet a judge of which customers exist: the edits wait for it.
        if mirrored == nil, !reconciled { return (customer, [], []) }
        guard let mirrored, mirrored.status == .ok, mirrored.resource != nil else {
            let reason = mirrored == nil
                ? "customer \(customer) is not mirrored (run a sync first, or check the id)"
                : "customer \(customer) has no billing profile at Partner Center (404 at last fetch)"
            return (customer, [], edits.map { ($0, reason) })
        }
        var valid: [ClaimedEdit] = []
        var rejected: [(OutboxEdit, String)] = []
        for edit in edits {
            let patch: EditPatch
            do {
                patch = try EditPatch.parse(json: edit.patchText)
            } catch {
                rejected.append((edit, "invalid patch: \(error)"))
                continue
            }
            guard let snapshot = edit.baseSnapshot else {
                let reason = edit.baseETag.map {
                    "base_etag \($0) is not the ETag the mirror had when the edit was queued, and no base_snapshot was given: what the edit was based on is unknown"
                } ?? "the edit has no base: customer \(customer) was not mirrored when it was queued"
                rejected.append((edit, reason))
                continue
            }
            guard let base = try? JSONValue(parsing: snapshot), base.objectValue != nil else {
                rejected.append((edit, "base_snapshot is not a JSON object"))
                continue
            }
            let problems = EditValidator.problems(patch: patch, appliedTo: base)
            guard problems.isEmpty else {
                rejected.append((edit, problems.joined(separator: "; ")))
                continue
            }
            valid.append(ClaimedEdit(edit: edit, patch: patch, base: base))
        }
        if let since = valid.map(\.edit.createdAt).min() {
            let pushed = try await store.read { try $0.pushedValues(customerID: customer, since: since) }
            for index in valid.indices {
                // Only what an earlier edit of ours (a smaller id) wrote after this one was queued.
                for write in pushed where write.at >= valid[index].edit.createdAt && write.editID < valid[index].edit.id {
                    valid[index].ownPushedSinceQueued[write.field, default: []].insert(write.value)
                }
            }
        }
        return (customer, valid, rejected)
    }
}
