import ArgumentParser
import BillingSyncEngine
import BillingSyncStore
import Foundation
import PartnerCenterModels

/// `billing-sync review [ID --accept N | --push-as-is | --cancel]`: edits the address service
/// held in `needs_review`, and the operator's way out.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List edits waiting for address review, or accept a suggestion, push as is, or cancel one.",
        discussion: """
        Under [push] address_validation = "require", an edit whose address Partner Center's address
        service does not verify waits in `needs_review`. Without an id, the waiting edits are listed
        with their numbered suggestions. `ID --accept N` re-queues the edit with suggestion N (its
        base stays the original's; the address it makes is checked once more, and one the service
        still does not verify rejects the edit); `ID --push-as-is` re-queues it unchanged, an
        override recorded in the outbox (the service is not asked again); `ID --cancel` drops it.
        docs/schema.md gives the same steps in plain SQL.
        """
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The edit id (see the list).")
    var id: Int64?

    @Option(name: .long, help: "Re-queue the edit with suggestion N (1-based).")
    var accept: Int?

    @Flag(name: .long, help: "Re-queue the edit unchanged, without the address service's approval (recorded).")
    var pushAsIs = false

    @Flag(name: .long, help: "Cancel the edit (final).")
    var cancel = false

    @Flag(name: .long, help: "Print JSON (docs/cli-json.md).")
    var json = false

    func validate() throws {
        let actions = (accept == nil ? 0 : 1) + (pushAsIs ? 1 : 0) + (cancel ? 1 : 0)
        if id == nil, actions > 0 { throw ValidationError("--accept, --push-as-is and --cancel need an edit id") }
        if id != nil, actions != 1 { throw ValidationError("with an edit id, choose exactly one of --accept N, --push-as-is or --cancel") }
    }

    func run() async throws {
        let loaded = try options.load(secrets: .skip)  // only the database is touched
        let store = try StoreWriter(path: loaded.configuration.database.path, options: loaded.connectionOptions())
        let review = EditReview(store: store)
        guard let id else { return try await list(review) }
        do {
            if let accept {
                let patch = try await review.accept(id, suggestion: accept)
                print("edit \(id) re-queued with suggestion \(accept): \(patch.mergePatchJSON().canonicalText())")
            } else if pushAsIs {
                try await review.pushAsIs(id)
                print("edit \(id) re-queued to be pushed as is (override recorded)")
            } else {
                try await review.cancel(id)
                print("edit \(id) cancelled")
            }
        } catch let error as EditReviewError {
            throw CLIError(error.description)
        } catch let error as StoreError where error.code == .notFound {
            throw CLIError("edit \(id) is not waiting for review")
        }
    }

    private func list(_ review: EditReview) async throws {
        let items = try await review.pending()
        if json {
            return try ReviewJSON(edits: items.map { item in
                ReviewJSON.Edit(id: item.edit.id, customerID: item.edit.customerIDText, patch: item.edit.patchText,
                                reason: item.edit.lastError, status: item.validation?.status,
                                suggestions: item.suggestions.map { $0.canonicalText() }, since: item.edit.updatedAt)
            }).printJSON()
        }
        if items.isEmpty { print("no edits waiting for review") }
        for item in items {
            print("edit \(item.edit.id): customer \(item.edit.customerIDText), waiting since \(item.edit.updatedAt ?? item.edit.createdAt)")
            print("  patch: \(item.edit.patchText)")
            if let reason = item.edit.lastError { print("  reason: \(reason)") }
            for (index, suggestion) in item.suggestions.enumerated() {
                print("  suggestion \(index + 1) sets \(Self.settings(suggestion))")
            }
            let accept = item.suggestions.isEmpty ? "" : "--accept N | "
            print("  decide with: billing-sync review \(item.edit.id) \(accept)--push-as-is | --cancel")
        }
    }

    /// What accepting a stored suggestion sets (it holds only the edit's own address properties
    /// and the ones the service corrected): `addressLine1 "1 Microsoft Way", postalCode "98052-8300"`.
    static func settings(_ suggestion: JSONValue) -> String {
        let members = (suggestion.objectValue ?? [:]).sorted { $0.key < $1.key }
        guard !members.isEmpty else { return "nothing new (the service confirmed the edit's address)" }
        return members.map { "\($0.key) \($0.value.canonicalText())" }.joined(separator: ", ")
    }

    /// `1 Microsoft Way, Redmond WA 98052-8300, US`.
    static func oneLine(_ address: JSONValue) -> String {
        let parts = ["addressLine1", "addressLine2"].compactMap { address.text($0) }
        let place = ["city", "state", "postalCode"].compactMap { address.text($0) }.joined(separator: " ")
        return (parts + [place] + [address.text("country")].compactMap { $0 }).filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// `billing-sync review --json` (version 1).
struct ReviewJSON: CLIJSON {
    struct Edit: Codable {
        var id: Int64, customerID: String, patch: String, reason: String?, status: String?
        var suggestions: [String], since: String?
    }
    var version = 1
    var edits: [Edit]
}
