import BillingSyncStore
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// Pushes queued local edits: re-GET the remote, three-way merge (edit vs base vs remote, field by
/// field), PUT the full resource with `If-Match`, and on an ETag conflict (412 or 400/2055) re-read,
/// re-merge and retry with jittered backoff. A real conflict is recorded, never dropped.
public struct OutboxPusher: SyncContextHolder {
    /// Client, store, settings, observer and logger.
    public let context: SyncContext

    public init(context: SyncContext) {
        self.context = context
    }

    /// What one pass over the outbox did.
    public struct Summary: Sendable, Equatable {
        public var pushed = 0
        public var conflicts = 0
        public var rejected = 0
        public var failed = 0

        public var total: Int { pushed + conflicts + rejected + failed }

        mutating func add(_ other: Summary) {
            pushed += other.pushed
            conflicts += other.conflicts
            rejected += other.rejected
            failed += other.failed
        }
    }

    /// Pushes every pending edit, and every edit a crash left `pushing` (its outcome is decided
    /// against the current remote, so a PUT that did land is recognised and not applied twice).
    /// Customers are handled concurrently; the edits of one customer strictly in order.
    @discardableResult
    public func pushPending(limit: Int = 1000) async throws -> Summary {
        let edits = try await store.read { context in
            let inFlight = try context.edits(status: .pushing, limit: limit)
            let pending = try context.edits(status: .pending, limit: limit)
            return (inFlight + pending).sorted { $0.id < $1.id }
        }
        guard !edits.isEmpty else { return Summary() }
        var groups: [String: [OutboxEdit]] = [:]
        var order: [String] = []
        for edit in edits {
            if groups[edit.customerIDText] == nil { order.append(edit.customerIDText) }
            groups[edit.customerIDText, default: []].append(edit)
        }
        observer.status("pushing \(edits.count) edits for \(order.count) customers")
        let maxConcurrency = configuration.maxConcurrency
        return try await withThrowingTaskGroup(of: Summary.self) { group in
            var summary = Summary()
            var inFlight = 0
            for key in order {
                if inFlight >= maxConcurrency, let done = try await group.next() {
                    summary.add(done)
                    inFlight -= 1
                }
                let customerEdits = groups[key] ?? []
                group.addTask { try await pushCustomer(customerEdits) }
                inFlight += 1
            }
            for try await done in group { summary.add(done) }
            return summary
        }
    }

    /// Validates, then pushes one customer's edits: coalesced into one PUT where they merge
    /// cleanly, one by one when the coalesced change meets a conflict.
    func pushCustomer(_ edits: [OutboxEdit]) async throws -> Summary {
        var summary = Summary()
        let (customer, valid, rejections) = try await validate(edits)
        for (edit, reason) in rejections {
            try await finish([edit.id], status: .rejected, error: reason, attempts: edit.attempts)
            logger.warning("edit rejected", metadata: ["edit": "\(edit.id)", "reason": "\(reason)"])
            observer.record(.editRejected)
            summary.rejected += 1
        }
        guard let customer, !valid.isEmpty else { return summary }
        if valid.count > 1 {
            let outcome = try await push(valid, customer: customer, splitOnConflict: true)
            if outcome != .needsSplit {
                summary.add(outcome.summary(count: valid.count))
                return summary
            }
        }
        for item in valid {
            summary.add(try await push([item], customer: customer, splitOnConflict: false).summary(count: 1))
        }
        return summary
    }
}
