import BillingSyncStore
import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// Incremental change detection from `GET /v1/auditrecords`: re-fetches only the customers the
/// feed names, and stores its position in the same transaction as the data it caused.
public struct AuditFeedPoller: Sendable {
    /// Checkpoint key holding the feed's position (an `AuditCursor` as JSON).
    public static let checkpointKey = "audit_feed.last_operation_date"
    /// Operation types that touch a billing profile or the customer list.
    public static let profileOperations: Set<String> = ["update_customer_billing_profile", "add_customer",
                                                        "update_customer", "update_customer_company_profile"]
    /// Operation types that end a customer relationship.
    public static let removalOperations: Set<String> = ["delete_customer", "remove_partner_customer_relationship"]

    let reconciler: Reconciler
    let lookback: Duration
    let overlap: Duration

    /// `lookback` is where a first poll starts when no checkpoint exists yet; `overlap` is how far
    /// before its position each poll re-reads (late records, clock differences).
    public init(reconciler: Reconciler, lookback: Duration = .seconds(3600), overlap: Duration = .seconds(300)) {
        self.reconciler = reconciler
        self.lookback = lookback
        self.overlap = overlap
    }

    /// What one poll found and did.
    public struct PollResult: Sendable {
        public var records = 0
        public var refreshed: [CustomerID] = []
        public var removed: [CustomerID] = []
        /// Customers whose refresh failed; they stay in the retry set for the next poll.
        public var failures: CustomerFailures?
    }

    /// Polls the feed once from the stored checkpoint up to `now` (the environment's time by
    /// default). Without a checkpoint the feed starts where the last full reconcile started, so
    /// nothing that changed during a long initial load is missed; only without any reconcile
    /// does it look back `lookback`. Customers of the retry set are refreshed with the feed's.
    @discardableResult
    public func pollOnce(now: Date? = nil) async throws -> PollResult {
        let store = reconciler.store
        let now = now ?? reconciler.environment.now()
        let (storedCursor, reconcileStart, retry) = try await store.read { tx in
            (try tx.checkpoint(Self.checkpointKey), try tx.checkpoint(Reconciler.lastSuccessStartKey),
             try tx.customersToRetry(limit: 10_000))
        }
        let cursor = AuditCursor(checkpoint: storedCursor)
        let newestHandled = cursor.flatMap { Timestamp.date(from: $0.newest) }
            ?? reconcileStart.flatMap(Timestamp.date(from:))
            ?? now.addingTimeInterval(-lookback.seconds)
        let windowStart = newestHandled.addingTimeInterval(-overlap.seconds)
        var seen = Set((cursor?.seen ?? [:]).keys)
        var handled: [(key: String, date: Date)] = []
        var result = PollResult()
        var refresh: [CustomerID] = []
        var removals: [CustomerID] = []
        let records = reconciler.client.auditListing(from: windowStart, to: now.addingTimeInterval(overlap.seconds))
        for try await page in records {
            for record in page {
                guard let date = record.operationDate, let id = record.customerID, date >= windowStart else { continue }
                let key = AuditCursor.key(of: record)
                guard seen.insert(key).inserted else { continue }
                handled.append((key, date))
                result.records += 1
                if Self.removalOperations.contains(record.operationType) {
                    removals.append(id)
                } else if Self.profileOperations.contains(record.operationType) {
                    refresh.append(id)
                }
            }
            reconciler.observer.progress()
        }
        let newest = handled.map(\.date).max().map { max($0, newestHandled) } ?? newestHandled
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
            let at = reconciler.environment.timestamp()
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
            reconciler.logger.warning("audit feed refresh left customers for retry", metadata: ["failures": "\(failed)"])
        }
        if result.records > 0 {
            reconciler.logger.info("audit feed handled", metadata: [
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
        let store = reconciler.store
        let environment = reconciler.environment
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
                customer = try await reconciler.client.customer(id)
            } catch {
                switch error.kind {
                case .credential, .unauthorized, .cancelled:
                    throw error
                case .notFound:
                    reconciler.logger.notice("customer named by the audit feed no longer exists",
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
