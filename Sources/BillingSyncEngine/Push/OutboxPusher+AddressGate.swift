import BillingSyncStore
import PartnerCenterModels

extension OutboxPusher {
    /// Ends edits the address checks held back (`rejected` for a country-rule violation,
    /// `needs_review` for an address the service did not verify), counting and logging them.
    func hold(_ held: [ValidEdit], status: EditStatus, reason: String, customer: CustomerID, tries: [Int64: Int],
              summary: inout Summary) async throws {
        try await finish(held, status: status, tries: tries, error: reason)
        for _ in held { observer.record(status == .needsReview ? .editNeedsReview : .editRejected) }
        if status == .needsReview { summary.needsReview += held.count } else { summary.rejected += held.count }
        logger.warning("edits held by the address checks", metadata: [
            "customer": "\(customer)", "edits": "\(held.map(\.edit.id))", "status": "\(status.rawValue)", "reason": "\(reason)",
        ])
    }
}
