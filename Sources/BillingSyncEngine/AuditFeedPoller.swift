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
    public struct PollResult: Sendable, Equatable {
        public var records = 0
        public var refreshed: [CustomerID] = []
        public var removed: [CustomerID] = []
    }

    /// Polls the feed once from the stored checkpoint up to now.
    @discardableResult
    public func pollOnce(now: Date = Date()) async throws -> PollResult {
        let store = reconciler.store
        let cursor = AuditCursor(checkpoint: try await store.read { try $0.checkpoint(Self.checkpointKey) })
        let newestHandled = cursor.flatMap { Timestamp.date(from: $0.newest) } ?? now.addingTimeInterval(-lookback.seconds)
        let windowStart = newestHandled.addingTimeInterval(-overlap.seconds)
        var seen = Set((cursor?.seen ?? [:]).keys)
        var handled: [(key: String, date: Date)] = []
        var result = PollResult()
        var refresh: [CustomerID] = []
        var removals: [CustomerID] = []
        let records = reconciler.client.auditRecords(from: windowStart, to: now.addingTimeInterval(overlap.seconds), filter: nil)
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
        result.refreshed = Array(Set(refresh).subtracting(removedSet)).sorted()
        result.removed = removedSet.sorted()
        let checkpoint = (key: Self.checkpointKey, value: next.checkpointText)
        if !result.removed.isEmpty {
            let ids = result.removed
            _ = try await store.write { tx in
                try tx.markCustomersRemoved(ids, at: Timestamp.now())
            }
        }
        try await addNewCustomers(result.refreshed)
        try await reconciler.refresh(result.refreshed, tally: RunTally(), checkpoint: checkpoint)
        if result.records > 0 {
            reconciler.logger.info("audit feed handled", metadata: [
                "records": "\(result.records)", "refreshed": "\(result.refreshed.count)", "removed": "\(result.removed.count)",
            ])
        }
        return result
    }

    /// Customers the mirror has never listed (an `add_customer` record) get their row first.
    private func addNewCustomers(_ ids: [CustomerID]) async throws {
        let store = reconciler.store
        let known = Set(try await store.read { try $0.customerIDs(includeRemoved: true) })
        for id in ids where !known.contains(id) {
            let customer = try await reconciler.client.customer(id)
            try await store.write { try $0.upsertCustomer(CustomerRecord(customer: customer), seenAt: Timestamp.now()) }
        }
    }
}
