import BillingSyncStore
import Foundation
import Logging
import PartnerCenterAPI
import PartnerCenterModels

/// Incremental change detection from `GET /v1/auditrecords`: re-fetches only the customers the
/// feed names, and stores its position in the same transaction as the data it caused.
public struct AuditFeedPoller: SyncComponent {
    /// Checkpoint key holding the feed's position (an `AuditCursor` as JSON).
    public static let checkpointKey = "audit_feed.last_operation_date"
    /// Operation types that touch a billing profile or the customer list.
    public static let profileOperations: Set<String> = ["update_customer_billing_profile", "add_customer",
                                                        "update_customer", "update_customer_company_profile"]
    /// Operation types that end a customer relationship.
    public static let removalOperations: Set<String> = ["delete_customer", "remove_partner_customer_relationship"]
    /// `operationStatus` values of operations that changed nothing (reference §9.3): their records
    /// move the feed's position but refresh no customer.
    public static let unappliedStatuses: Set<String> = ["decline", "failed"]
    /// How far back the service keeps audit records (90 days, reference §9.3), less a day for the
    /// two clocks: a position older than this cannot be resumed (the service answers 400).
    public static let defaultHistory: Duration = .seconds(89 * 86_400)

    let reconciler: Reconciler
    /// The reconciler's context: the feed refreshes through it.
    public var context: SyncContext { reconciler.context }
    let lookback: Duration
    let overlap: Duration
    let history: Duration

    /// `lookback` is where a first poll starts when no checkpoint exists yet; `overlap` is how far
    /// before its position each poll re-reads (late records, clock differences); `history` is how
    /// old a position may be and still be resumed (the service's audit retention).
    public init(reconciler: Reconciler, lookback: Duration = .seconds(3600), overlap: Duration = .seconds(300),
                history: Duration = Self.defaultHistory) {
        self.reconciler = reconciler
        self.lookback = lookback
        self.overlap = overlap
        self.history = history
    }

    /// What one poll found and did.
    public struct PollResult: Sendable {
        public var records = 0
        public var refreshed: [CustomerID] = []
        public var removed: [CustomerID] = []
        /// Customers whose refresh failed; they stay in the retry set for the next poll.
        public var failures: CustomerFailures?
        /// The position was older than the service keeps records: nothing was read, and the
        /// feed waits for the catch-up reconcile (`positionExpired`) to give it a new start.
        public var positionExpired = false
    }

    /// Where the next poll resumes: the newest record handled or the start of the last completed
    /// full reconcile, whichever is later (that reconcile read every profile after its start, so
    /// nothing older is needed), else `lookback` before `now`.
    func resumePoint(cursor: AuditCursor?, reconcileStart: String?, now: Date) -> Date {
        let candidates = [cursor.flatMap { Timestamp.date(from: $0.newest) }, reconcileStart.flatMap(Timestamp.date(from:))]
        return candidates.compactMap { $0 }.max() ?? now.addingTimeInterval(-lookback.seconds)
    }

    /// True when the feed cannot tell what changed since its position, because the service no
    /// longer keeps records that old (a daemon stopped for months): only a full reconcile can,
    /// and it should run at the budget's pace. The reconcile loop asks before each run.
    public func positionExpired(now: Date? = nil) async throws -> Bool {
        let now = now ?? environment.now()
        let (storedCursor, reconcileStart) = try await store.read { tx in
            (try tx.checkpoint(Self.checkpointKey), try tx.checkpoint(Reconciler.lastSuccessStartKey))
        }
        return isExpired(resumePoint(cursor: AuditCursor(checkpoint: storedCursor), reconcileStart: reconcileStart, now: now),
                         now: now)
    }

    private func isExpired(_ resume: Date, now: Date) -> Bool {
        resume.addingTimeInterval(-overlap.seconds) < now.addingTimeInterval(-history.seconds)
    }

    /// Polls the feed once from the stored checkpoint up to `now` (the environment's time by
    /// default). Without a checkpoint the feed starts where the last full reconcile started, so
    /// nothing that changed during a long initial load is missed; only without any reconcile
    /// does it look back `lookback`. Customers of the retry set are refreshed with the feed's.
    @discardableResult
    public func pollOnce(now: Date? = nil) async throws -> PollResult {
        let store = store
        let now = now ?? environment.now()
        let (storedCursor, reconcileStart, retry) = try await store.read { tx in
            (try tx.checkpoint(Self.checkpointKey), try tx.checkpoint(Reconciler.lastSuccessStartKey),
             try tx.customersToRetry(limit: 10_000))
        }
        let cursor = AuditCursor(checkpoint: storedCursor)
        let newestHandled = resumePoint(cursor: cursor, reconcileStart: reconcileStart, now: now)
        var result = PollResult()
        if isExpired(newestHandled, now: now) {
            // Asking would be answered 400. Forget the position: once the catch-up reconcile has
            // run, the feed starts where that reconcile started.
            if storedCursor != nil {
                logger.notice("audit feed position is older than the service keeps records; waiting for a full reconcile", metadata: [
                    "position": "\(Timestamp.string(from: newestHandled))", "history_days": "\(Int(history.seconds / 86_400))",
                ])
                try await store.write { try $0.deleteCheckpoint(Self.checkpointKey) }
            }
            result.positionExpired = true
            return result
        }
        let windowStart = newestHandled.addingTimeInterval(-overlap.seconds)
        var seen = Set((cursor?.seen ?? [:]).keys)
        var handled: [(key: String, date: Date)] = []
        var refresh: [CustomerID] = []
        var removals: [CustomerID] = []
        let records = client.auditListing(from: windowStart, to: now.addingTimeInterval(overlap.seconds))
        for try await page in records {
            for record in page {
                guard let date = record.operationDate, let id = record.customerID, date >= windowStart else { continue }
                let key = AuditCursor.key(of: record)
                guard seen.insert(key).inserted else { continue }
                handled.append((key, date))
                result.records += 1
                if let status = record.operationStatus?.lowercased(), Self.unappliedStatuses.contains(status) {
                    continue
                } else if Self.removalOperations.contains(record.operationType) {
                    removals.append(id)
                } else if Self.profileOperations.contains(record.operationType) {
                    refresh.append(id)
                }
            }
            observer.progress()
        }
        // A record dated after `now` (a clock ahead of ours) never carries the position past now:
        // records dated in between would otherwise fall before the next window.
        let newest = handled.map(\.date).max().map { max(min($0, now), newestHandled) } ?? newestHandled
        // Remember what lies within the overlap window of the new position; forget the rest.
        let keep = Timestamp.string(from: newest.addingTimeInterval(-overlap.seconds))
        var remembered = (cursor?.seen ?? [:]).filter { $0.value >= keep }
        for item in handled { remembered[item.key] = Timestamp.string(from: item.date) }
        let next = AuditCursor(newest: Timestamp.string(from: newest), seen: remembered.filter { $0.value >= keep })
        let removedSet = Set(removals)
        result.refreshed = Array(Set(refresh).union(retry).subtracting(removedSet)).sorted()
        result.removed = removedSet.sorted()
        let checkpoint = (key: Self.checkpointKey, value: next.checkpointText)
        if !result.removed.isEmpty {
            let ids = result.removed
            let at = environment.timestamp()
            _ = try await store.write { tx in
                _ = try tx.markCustomersRemoved(ids, at: at)
                try tx.clearRetry(ids)
            }
        }
        let (known, unlisted) = try await addNewCustomers(result.refreshed)
        result.refreshed = known
        var failures = try await reconciler.refresh(known, tally: RunTally(), checkpoint: checkpoint)?.failures ?? []
        failures += unlisted
        result.failures = CustomerFailures(Dictionary(failures.map { ($0.customer, $0.error) }, uniquingKeysWith: { $1 }))
        if let failed = result.failures {
            logger.warning("audit feed refresh left customers for retry", metadata: ["failures": "\(failed)"])
        }
        if result.records > 0 {
            logger.info("audit feed handled", metadata: [
                "records": "\(result.records)", "refreshed": "\(result.refreshed.count)", "removed": "\(result.removed.count)",
            ])
        }
        return result
    }

    /// Customers the mirror has never listed (an `add_customer` record) get their row first.
    /// Returns the ids that now have a row, and the failures of those that could not be read:
    /// a 404 (the customer is gone again) drops the id, any other failure keeps it in the retry
    /// set. Neither blocks the feed's position. Token failures are thrown.
    private func addNewCustomers(_ ids: [CustomerID]) async throws
        -> (known: [CustomerID], failures: [(customer: CustomerID, error: PartnerCenterError)]) {
        let store = store
        let environment = environment
        let known = Set(try await store.read { try $0.customerIDs(includeRemoved: true) })
        var ready: [CustomerID] = []
        var failures: [(customer: CustomerID, error: PartnerCenterError)] = []
        for id in ids {
            guard !known.contains(id) else {
                ready.append(id)
                continue
            }
            let customer: Customer
            do {
                customer = try await client.customer(id)
            } catch {
                switch error.kind {
                case .credential, .unauthorized, .cancelled:
                    throw error
                case .notFound:
                    logger.notice("customer named by the audit feed no longer exists",
                                             metadata: ["customer": "\(id)"])
                    try await store.write { try $0.clearRetry([id]) }
                default:
                    let at = environment.timestamp()
                    try await store.write { try $0.recordRetry(customerID: id, reason: "\(error)", at: at) }
                    failures.append((id, error))
                }
                continue
            }
            let seenAt = environment.timestamp()
            try await store.write { tx in
                try tx.upsertCustomer(CustomerRecord(customer: customer), seenAt: seenAt)
            }
            ready.append(id)
        }
        return (ready, failures)
    }
}
