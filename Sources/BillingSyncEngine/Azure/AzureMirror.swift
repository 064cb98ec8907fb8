import BillingSyncStore
import Logging
import PartnerCenterAPI

/// Mirrors ARM billing customers into the `azure_*` tables: lists every configured scope (paged),
/// writes each page in one `BEGIN IMMEDIATE` transaction (diff → history → save), then marks the
/// customers a complete listing no longer returned as removed. Read-only towards Azure.
public struct AzureMirror: Sendable {
    /// Checkpoint key of the last pass that listed every scope (ISO-8601 UTC).
    public static let lastSuccessKey = "azure_mirror.last_success"

    /// ARM billing: `AzureBillingClient` in production.
    let client: any AzureBillingPort
    let store: StoreWriter
    /// What is listed.
    public let settings: AzureMirrorSettings
    let observer: any SyncObserver
    let logger: Logger
    /// Time and randomness: every wait and timestamp of the mirror goes through it.
    let environment: SyncEnvironment

    /// Creates the mirror.
    public init(client: any AzureBillingPort, store: StoreWriter, settings: AzureMirrorSettings,
                observer: any SyncObserver = NoSyncObserver(), environment: SyncEnvironment = .system(), logger: Logger) {
        self.client = client
        self.store = store
        self.settings = settings
        self.observer = observer
        self.environment = environment
        self.logger = logger
    }

    /// One pass over every scope, recorded as a `sync_runs` row of kind `azure`. A scope whose
    /// listing fails is counted in `errors` (its customers are not marked removed) and the others
    /// still run; the run is then `failed`. Cancellation marks it `interrupted` and rethrows.
    @discardableResult
    public func runOnce() async throws -> AzureMirrorCounts {
        let runID = try await store.write { try $0.beginRun(kind: "azure") }
        var counts = AzureMirrorCounts()
        var failures: [String] = []
        do {
            for scope in settings.scopes {
                do {
                    try await mirror(scope, counts: &counts)
                } catch let error as PartnerCenterError where error.kind != .cancelled {
                    counts.errors += 1
                    failures.append("\(scope): \(error)")
                    observer.problem(error, in: .azure)
                    logger.error("ARM customer listing failed", metadata: ["scope": "\(scope)", "error": "\(error)"])
                }
            }
            let message = failures.isEmpty ? nil : failures.joined(separator: "; ")
            let status = failures.isEmpty ? "ok" : "failed"
            let finalCounts = counts
            let finishedAt = environment.timestamp()
            try await store.write { tx in
                try tx.finishRun(id: runID, status: status, counts: Self.runCounts(finalCounts), message: message)
                if status == "ok" { try tx.setCheckpoint(Self.lastSuccessKey, finishedAt) }
            }
            observer.status("azure: \(counts.customersSeen) customers, \(counts.customersChanged) changed, \(counts.customersRemoved) removed")
            return counts
        } catch {
            let finalCounts = counts
            let cancelled = error is CancellationError || (error as? PartnerCenterError)?.kind == .cancelled
            try? await store.write {
                try $0.finishRun(id: runID, status: cancelled ? "interrupted" : "failed",
                                 counts: Self.runCounts(finalCounts), message: "\(error)")
            }
            throw cancelled ? CancellationError() : error
        }
    }

    /// Lists one scope page by page, then marks the scope's unlisted customers removed.
    private func mirror(_ scope: AzureCustomerScope, counts: inout AzureMirrorCounts) async throws {
        let startedAt = environment.timestamp()
        observer.status("azure: listing \(scope)")
        for try await page in client.customerListing(scope, query: AzureCustomerQuery(expand: settings.expand)) {
            let records = page.map { AzureCustomerRecord(customer: $0, account: scope.account) }
            let now = environment.timestamp()
            let outcome = try await store.write { tx in try Self.apply(records, in: tx, at: now) }
            counts.customersSeen += records.count
            counts.customersAdded += outcome.customersAdded
            counts.customersChanged += outcome.customersChanged
            counts.customersUnchanged += outcome.customersUnchanged
            counts.historyRows += outcome.historyRows
            if outcome.customersChanged > 0 { observer.record(.profilesChanged(outcome.customersChanged)) }
            observer.progress()
        }
        let removedAt = environment.timestamp()
        let removed = try await store.write {
            try $0.markAzureCustomersRemoved(account: scope.account, billingProfileID: scope.billingProfileResourceID,
                                             notSeenSince: startedAt, at: removedAt)
        }
        counts.customersRemoved += removed.count
        if !removed.isEmpty {
            logger.notice("ARM customers no longer listed, marked removed", metadata: [
                "scope": "\(scope)", "count": "\(removed.count)",
            ])
        }
    }

    /// Diffs and saves one page inside the caller's transaction, stamped `now`.
    static func apply(_ records: [AzureCustomerRecord], in tx: WriteTransaction, at now: String) throws -> AzureMirrorCounts {
        var outcome = AzureMirrorCounts()
        for record in records {
            let old = try tx.azureCustomer(account: record.billingAccount, name: record.name)
            let entries = AzureMirrorDiff.changes(from: old?.record, to: record)
            let changed = old == nil || old?.removedAt != nil || !entries.isEmpty
            try tx.saveAzureCustomer(record, fetchedAt: now, changed: changed)
            try tx.appendAzureHistory(entries, detectedAt: now)
            outcome.historyRows += entries.count
            if old == nil { outcome.customersAdded += 1 } else if changed { outcome.customersChanged += 1 } else { outcome.customersUnchanged += 1 }
        }
        return outcome
    }

    /// The `sync_runs` columns: customers seen, fetched (= seen), changed (added + changed),
    /// unchanged, removed, errors.
    static func runCounts(_ counts: AzureMirrorCounts) -> SyncRunCounts {
        SyncRunCounts(customersSeen: counts.customersSeen, profilesFetched: counts.customersSeen,
                      profilesChanged: counts.customersAdded + counts.customersChanged,
                      profilesUnchanged: counts.customersUnchanged, customersRemoved: counts.customersRemoved,
                      errors: counts.errors)
    }
}
