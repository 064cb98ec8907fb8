import BillingSyncStore
import Foundation

/// `edit --wait`: polls the outbox (read-only) until the daemon has handled one edit.
struct EditOutcomeWaiter {
    let databasePath: String
    let editID: Int64

    /// The edit once it is `pushed`, `conflict`, `rejected`, `failed`, `needs_review` or `cancelled`; nil after `timeout`.
    func wait(timeout: Duration) async throws -> OutboxEdit? {
        let reader = try StoreReader(path: databasePath)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let edit = try reader.read({ try $0.edit(id: editID) }), Self.isFinal(edit.status) { return edit }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    static func isFinal(_ status: EditStatus) -> Bool {
        [.pushed, .conflict, .rejected, .failed, .needsReview, .cancelled].contains(status)
    }

    /// 0 pushed, 2 conflict, 3 rejected, 4 failed, 5 not handled in time, 6 needs review,
    /// 7 cancelled.
    static func exitStatus(_ status: EditStatus?) -> Int32 {
        switch status {
        case .pushed: 0
        case .conflict: 2
        case .rejected: 3
        case .failed: 4
        case .needsReview: 6
        case .cancelled: 7
        default: 5
        }
    }
}
