import BillingSyncStore
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// The full reconcile: list every customer (paged), fetch every billing profile, write what
/// changed, and mark customers that left the list as removed. It is also the refresh path the
/// audit feed uses for a handful of customers.
public struct Reconciler: SyncContextHolder {
    /// Checkpoint key of the last completed full reconcile (ISO-8601 UTC).
    public static let lastSuccessKey = "full_reconcile.last_success"

    /// Client, store, settings, observer and logger.
    public let context: SyncContext

    public init(context: SyncContext) {
        self.context = context
    }

    var writer: MirrorWriter { MirrorWriter(store: store) }
    var fetcher: ProfileFetcher { ProfileFetcher(client: client, maxConcurrency: configuration.maxConcurrency) }

    /// Runs one full reconcile, recorded in `sync_runs`. `spread` paces the profile fetches.
    @discardableResult
    public func runFull(spread: Duration? = nil) async throws -> SyncRunCounts {
        let startedAt = Timestamp.now()
        let runID = try await store.write { try $0.beginRun(kind: "full") }
        let tally = RunTally()
        do {
            observer.status("listing customers")
            var ids: [CustomerID] = []
            for try await page in client.customerPages(pageSize: configuration.pageSize) {
                let records = page.map(CustomerRecord.init(customer:))
                try await store.write { tx in
                    let now = Timestamp.now()
                    for record in records { try tx.upsertCustomer(record, seenAt: now) }
                }
                ids.append(contentsOf: page.map(\.id))
                await tally.add(seen: page.count)
                observer.progress()
                observer.status("listed \(ids.count) customers")
            }
            try await refresh(ids, tally: tally, spread: spread)
            let removed = try await store.write { try $0.markCustomersRemoved(notSeenSince: startedAt, at: Timestamp.now()) }
            await tally.add(removed: removed.count)
            if !removed.isEmpty {
                logger.notice("customers no longer listed, marked removed", metadata: ["count": "\(removed.count)"])
            }
            let counts = await tally.counts
            let status = counts.errors == 0 ? "ok" : "failed"
            let message = counts.errors == 0 ? nil : "\(counts.errors) profiles could not be fetched"
            try await store.write { tx in
                try tx.finishRun(id: runID, status: status, counts: counts, message: message)
                try tx.setCheckpoint(Self.lastSuccessKey, Timestamp.now())
            }
            observer.record(.reconcileSucceeded)
            observer.status("reconciled \(counts.customersSeen) customers, \(counts.profilesChanged) changed")
            return counts
        } catch {
            let counts = await tally.counts
            let status = error is CancellationError ? "interrupted" : "failed"
            try? await store.write { try $0.finishRun(id: runID, status: status, counts: counts, message: "\(error)") }
            throw error
        }
    }

    /// Fetches and writes the profiles of `ids` through the shared fetch → diff → write path.
    func refresh(_ ids: [CustomerID], tally: RunTally, spread: Duration? = nil,
                 checkpoint: (key: String, value: String)? = nil) async throws {
        let writer = self.writer
        let observer = self.observer
        let logger = self.logger
        let total = ids.count
        let done = RunTally()
        try await fetcher.fetchAll(ids, batchSize: configuration.batchSize, spreadOver: spread) { batch in
            for case .failed(let id, let error) in batch {
                logger.warning("billing profile fetch failed", metadata: ["customer": "\(id)", "error": "\(error)"])
                observer.problem(error, in: .reconcile)
            }
            let outcome = try await writer.apply(batch)
            await tally.add(outcome)
            await done.add(outcome)
            observer.record(.profilesFetched(done: await done.handled, total: total))
            if outcome.changed > 0 { observer.record(.profilesChanged(outcome.changed)) }
            observer.progress()
        }
        if let checkpoint {
            try await store.write { try $0.setCheckpoint(checkpoint.key, checkpoint.value) }
        }
    }
}

extension CustomerRecord {
    /// The mirror's row for a customer as listed.
    init(customer: Customer) {
        self.init(id: customer.id, companyName: customer.companyProfile?.companyName,
                  domain: customer.companyProfile?.domain, tenantID: customer.companyProfile?.tenantID,
                  relationship: customer.relationshipToPartner, rawJSON: customer.resource.canonicalText())
    }
}
