import BillingSyncStore
import PartnerCenterModels

/// An outbox edit that passed validation, with its parsed patch and the base it was made against.
struct ValidEdit: Sendable {
    let edit: OutboxEdit
    let patch: EditPatch
    let base: JSONValue?
}

extension OutboxPusher {
    /// Splits a customer's edits into valid ones and rejections with a reason naming what is
    /// wrong. Rejected edits stay in the outbox with that reason; nothing is deleted.
    func validate(_ edits: [OutboxEdit]) async throws -> (CustomerID?, [ValidEdit], [(OutboxEdit, String)]) {
        guard let first = edits.first else { return (nil, [], []) }
        guard let customer = CustomerID(first.customerIDText) else {
            let reason = InvalidCustomerID(value: first.customerIDText).description
            return (nil, [], edits.map { ($0, reason) })
        }
        let mirrored = try await store.read { try $0.profile(customer) }
        guard let mirrored, mirrored.status == "ok", let mirroredResource = mirrored.resource else {
            let reason = mirrored == nil
                ? "customer \(customer) is not mirrored (run a sync first, or check the id)"
                : "customer \(customer) has no billing profile at Partner Center (404 at last fetch)"
            return (customer, [], edits.map { ($0, reason) })
        }
        var valid: [ValidEdit] = []
        var rejected: [(OutboxEdit, String)] = []
        for edit in edits {
            let patch: EditPatch
            do {
                patch = try EditPatch.parse(json: edit.patchText)
            } catch {
                rejected.append((edit, "invalid patch: \(error)"))
                continue
            }
            var base: JSONValue?
            if let snapshot = edit.baseSnapshot {
                guard let parsed = try? JSONValue(parsing: snapshot), parsed.objectValue != nil else {
                    rejected.append((edit, "base_snapshot is not a JSON object"))
                    continue
                }
                base = parsed
            }
            let problems = EditValidator.problems(patch: patch, appliedTo: base ?? mirroredResource)
            guard problems.isEmpty else {
                rejected.append((edit, problems.joined(separator: "; ")))
                continue
            }
            // An edit inserted without a base was made against what the mirror showed.
            valid.append(ValidEdit(edit: edit, patch: patch, base: base ?? mirroredResource))
        }
        return (customer, valid, rejected)
    }
}
