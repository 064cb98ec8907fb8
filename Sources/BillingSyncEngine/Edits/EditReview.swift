import BillingSyncStore
import Foundation
import PartnerCenterAPI
import PartnerCenterModels

/// The operator's way out for edits the address service held in `needs_review`: accept one of
/// its suggestions, push as is, or cancel. What `billing-sync review` uses; docs/schema.md gives
/// the same steps in plain SQL.
public struct EditReview: Sendable {
    let store: StoreWriter

    public init(store: StoreWriter) {
        self.store = store
    }

    /// An edit waiting for review with the address service's latest answer about it.
    public struct Item: Sendable {
        public let edit: OutboxEdit
        public let validation: AddressValidationRecord?

        /// The suggested addresses (empty when none).
        public var suggestions: [JSONValue] {
            validation.flatMap { try? JSONValue(parsing: $0.suggestionsJSON) }?.arrayValue ?? []
        }
    }

    /// Every edit in `needs_review`, oldest first.
    public func pending(limit: Int = 1000) async throws -> [Item] {
        try await store.read { read in
            try read.edits(status: .needsReview, limit: limit).map { edit in
                Item(edit: edit, validation: try read.latestAddressValidation(editID: edit.id))
            }
        }
    }

    /// The patch of `edit` with suggestion `number` (1-based) of its latest validation: the
    /// suggestion's address properties replace the edit's, everything else of the edit stays.
    public static func acceptedPatch(_ item: Item, number: Int) throws -> EditPatch {
        let suggestions = item.suggestions
        guard number >= 1, number <= suggestions.count else {
            throw EditReviewError(.noSuchSuggestion, "edit \(item.edit.id) has \(suggestions.count) suggestion(s); there is no suggestion \(number)")
        }
        let original = try EditPatch.parse(json: item.edit.patchText)
        var changes = original.changes
        for key in AddressValidationRequest.keys {
            if let value = suggestions[number - 1][member: key], !value.isNull { changes["defaultAddress.\(key)"] = value }
        }
        return EditPatch(changes: changes)
    }

    /// Re-queues edit `id` with suggestion `number`, keeping its base (it is judged against what
    /// it was queued on, as before). Returns the new patch.
    @discardableResult
    public func accept(_ id: Int64, suggestion number: Int) async throws -> EditPatch {
        let item = try await store.read { read -> Item? in
            guard let edit = try read.edit(id: id), edit.status == .needsReview else { return nil }
            return Item(edit: edit, validation: try read.latestAddressValidation(editID: id))
        }
        guard let item else {
            throw EditReviewError(.notWaiting, "edit \(id) is not waiting for review (see `billing-sync review`)")
        }
        let patch = try Self.acceptedPatch(item, number: number)
        try await store.write { try $0.review(editID: id, .accept(number: number, patch: patch.mergePatchJSON().canonicalText())) }
        return patch
    }

    /// Re-queues edit `id` unchanged, to be pushed without asking the address service again
    /// (recorded as `push_as_is`).
    public func pushAsIs(_ id: Int64) async throws {
        try await store.write { try $0.review(editID: id, .pushAsIs) }
    }

    /// Cancels edit `id` (final).
    public func cancel(_ id: Int64) async throws {
        try await store.write { try $0.review(editID: id, .cancel) }
    }
}
