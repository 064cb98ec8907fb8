import BillingSyncStore
import Foundation
import Logging
import PartnerCenterAPI
import PartnerCenterModels

/// Pushes queued local edits: re-GET the remote, judge every edit against the base it was
/// queued on (field by field), PUT the full resource with `If-Match`, and on an ETag conflict
/// (412 or 400/2055) re-read, re-judge and retry with jittered backoff. A real conflict is
/// recorded, never dropped.
///
/// A pass first claims the open edits of each customer for this pusher (one owner at a time
/// across processes, a lease that a crash releases), so a `sync --once` beside the daemon never
/// pushes the same customer's edits concurrently.
public struct OutboxPusher: SyncComponent {
    /// Client, store, settings, environment, observer and logger.
    public let context: SyncContext

    public init(context: SyncContext) {
        self.context = context
    }

    /// What one pass over the outbox did.
    public struct Summary: Sendable {
        public var pushed = 0
        public var conflicts = 0
        public var rejected = 0
        public var failed = 0
        /// Edits held in `needs_review` (their address was not verified under `require`).
        public var needsReview = 0
        /// Edits left open because their customer's calls failed (e.g. 403 for that customer);
        /// retried on a later pass.
        public var deferred = 0
        /// The customers whose push was deferred, with the error.
        public var failures: CustomerFailures?

        public var total: Int { pushed + conflicts + rejected + failed }

        mutating func add(_ other: Summary) {
            pushed += other.pushed
            conflicts += other.conflicts
            rejected += other.rejected
            failed += other.failed
            needsReview += other.needsReview
            deferred += other.deferred
            var merged = Dictionary(failures?.failures.map { ($0.customer, $0.error) } ?? [], uniquingKeysWith: { $1 })
            for failure in other.failures?.failures ?? [] { merged[failure.customer] = failure.error }
            failures = CustomerFailures(merged)
        }
    }

    /// Claims and pushes every open edit: `pending` ones, and `pushing` ones a crash or an
    /// unknown PUT outcome left (their outcome is decided against the current remote first, so a
    /// PUT that did land is recognised and not applied twice). Customers are handled
    /// concurrently; the edits of one customer strictly in order.
    @discardableResult
    public func pushPending(limit: Int = 1000) async throws -> Summary {
        let owner = environment.owner
        let now = environment.timestamp()
        let leaseUntil = environment.timestamp(after: configuration.pushClaimLease)
        let edits = try await store.write { tx in
            try tx.claimEdits(owner: owner.id, now: now, leaseUntil: leaseUntil, customerLimit: limit,
                              isOwnerAlive: owner.isAlive)
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
                group.addTask { try await pushClaimed(customerEdits, customerKey: key) }
                inFlight += 1
            }
            for try await done in group { summary.add(done) }
            return summary
        }
    }

    /// Pushes one customer's claimed edits and always gives the claim back.
    func pushClaimed(_ edits: [OutboxEdit], customerKey: String) async throws -> Summary {
        let owner = environment.owner.id
        do {
            // An operator waits for this: the push's reads and PUTs go ahead of the reconcile's.
            let summary = try await RequestPriority.$current.withValue(.interactive) { try await pushCustomer(edits) }
            try await store.write { try $0.releaseClaims(owner: owner, customerID: customerKey) }
            return summary
        } catch let error as StoreError where error.code == .claimLost {
            // Another pusher took the customer over (our lease lapsed): stop touching its edits.
            logger.warning("push stopped: claim lost", metadata: ["customer": "\(customerKey)", "reason": "\(error)"])
            return Summary()
        } catch {
            try? await store.write { try $0.releaseClaims(owner: owner, customerID: customerKey) }
            throw error
        }
    }

    /// Validates, then pushes one customer's edits coalesced into one PUT; an edit that meets a
    /// conflict is recorded and taken out, and the others go on together.
    func pushCustomer(_ edits: [OutboxEdit]) async throws -> Summary {
        var summary = Summary()
        let (customer, valid, rejections) = try await validate(edits)
        for (edit, reason) in rejections {
            try await rejectInvalid([(edit.id, edit.attempts)], error: reason)
            logger.warning("edit rejected", metadata: ["edit": "\(edit.id)", "reason": "\(reason)"])
            observer.record(.editRejected)
            summary.rejected += 1
        }
        if customer != nil, valid.isEmpty, rejections.isEmpty {
            summary.deferred += edits.count  // waiting for the first full reconcile
            return summary
        }
        guard let customer, !valid.isEmpty else { return summary }
        summary.add(try await push(valid, customer: customer))
        return summary
    }
}
