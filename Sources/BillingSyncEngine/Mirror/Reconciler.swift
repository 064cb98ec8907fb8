import BillingSyncStore
import Logging
import PartnerCenterAPI
import PartnerCenterModels

/// The full reconcile: list every customer (paged), fetch every billing profile, write what
/// changed, and mark customers that left the list as removed. It is also the refresh path the
/// audit feed uses for a handful of customers.
public struct Reconciler: SyncComponent {
    /// Checkpoint key of the last completed full reconcile (ISO-8601 UTC).
    public static let lastSuccessKey = "full_reconcile.last_success"
    /// Checkpoint key of the start of the last completed full reconcile: where the audit feed
    /// begins when it has no position yet (the first run, or the feed switched on later).
    public static let lastSuccessStartKey = "full_reconcile.last_success_started"

    /// Client, store, settings, observer and logger.
    public let context: SyncContext

    public init(context: SyncContext) {
        self.context = context
    }

    var writer: MirrorWriter { MirrorWriter(store: store) }
    var fetcher: ProfileFetcher {
        ProfileFetcher(client: client, store: store, maxConcurrency: configuration.maxConcurrency, environment: environment)
    }

    /// Runs one full reconcile, recorded in `sync_runs`. `spread` paces the profile fetches.
    ///
    /// A customer whose profile fetch fails (a 403 for that customer, retries exhausted) is that
    /// customer's problem: recorded on its row, in the retry set and in the run's message, and
    /// the run goes on; `counts.errors` counts them. When every fetched customer answered 403,
    /// the run throws that 403 (the app lost access to the tenant, not to one customer).
    @discardableResult
    public func runFull(spread: Duration? = nil) async throws -> SyncRunCounts {
        try await runFullReporting(spread: spread).counts
    }

    /// `runFull`, also returning the customers whose fetch failed (for the health state).
    public func runFullReporting(spread: Duration? = nil) async throws -> (counts: SyncRunCounts, failures: CustomerFailures?) {
        let startedAt = environment.timestamp()
        let runID = try await store.write { try $0.beginRun(kind: "full") }
        let tally = RunTally()
        do {
            observer.status("listing customers")
            var ids: [CustomerID] = []
            for try await page in client.customerListing(pageSize: configuration.pageSize) {
                let records = page.map(CustomerRecord.init(customer:))
                let seenAt = environment.timestamp()
                try await store.write { try $0.upsertCustomers(records, seenAt: seenAt) }
                ids.append(contentsOf: page.map(\.id))
                await tally.add(seen: page.count)
                observer.progress()
                observer.status("listed \(ids.count) customers")
            }
            let failures = try await refresh(ids, tally: tally, spread: spread)
            if let failures, failures.allForbidden, failures.failures.count == ids.count, let first = failures.failures.first {
                throw first.error
            }
            let removedAt = environment.timestamp()
            let removed = try await store.write { try $0.markCustomersRemoved(notSeenSince: startedAt, at: removedAt) }
            await tally.add(removed: removed.count)
            if !removed.isEmpty {
                logger.notice("customers no longer listed, marked removed", metadata: ["count": "\(removed.count)"])
            }
            let counts = await tally.counts
            let status = counts.errors == 0 ? "ok" : "failed"
            let message = failures.map { "\(counts.errors) profiles could not be fetched (kept for retry): \($0)" }
            let finishedAt = environment.timestamp()
            try await store.write { tx in
                try tx.finishRun(id: runID, status: status, counts: counts, message: message)
                try tx.setCheckpoint(Self.lastSuccessKey, finishedAt)
                try tx.setCheckpoint(Self.lastSuccessStartKey, startedAt)
            }
            observer.record(.reconcileSucceeded)
            observer.status("reconciled \(counts.customersSeen) customers, \(counts.profilesChanged) changed")
            return (counts, failures)
        } catch {
            let counts = await tally.counts
            let status = error is CancellationError || (error as? PartnerCenterError)?.kind == .cancelled ? "interrupted" : "failed"
            try? await store.write { try $0.finishRun(id: runID, status: status, counts: counts, message: "\(error)") }
            throw error
        }
    }

    /// Fetches and writes the profiles of `ids` through the shared fetch → diff → write path.
    /// Returns the customers whose fetch failed (recorded on their rows and in the retry set).
    @discardableResult
    func refresh(_ ids: [CustomerID], tally: RunTally, spread: Duration? = nil,
                 checkpoint: (key: String, value: String)? = nil) async throws -> CustomerFailures? {
        let writer = self.writer
        let observer = self.observer
        let logger = self.logger
        let total = ids.count
        let done = RunTally()
        let failed = FailureCollector()
        try await fetcher.fetchAll(ids, batchSize: configuration.batchSize, spreadOver: spread) { batch in
            let outcome = try await writer.apply(batch)
            for (id, error) in outcome.failures {
                logger.warning("billing profile fetch failed; kept for retry", metadata: ["customer": "\(id)", "error": "\(error)"])
            }
            await failed.add(outcome.failures)
            await tally.add(outcome)
            await done.add(outcome)
            observer.record(.profilesFetched(done: await done.handled, total: total))
            if outcome.changed > 0 { observer.record(.profilesChanged(outcome.changed)) }
            observer.progress()
        }
        if let checkpoint {
            try await store.write { try $0.setCheckpoint(checkpoint.key, checkpoint.value) }
        }
        return CustomerFailures(await failed.failures)
    }
}

/// Failures gathered from concurrent batches.
actor FailureCollector {
    private(set) var failures: [CustomerID: PartnerCenterError] = [:]

    func add(_ more: [CustomerID: PartnerCenterError]) {
        failures.merge(more) { _, new in new }
    }
}

extension CustomerRecord {
    /// The mirror's row for a customer: `raw_json` is the text as received (the list item's, or the
    /// body of `GET /customers/{id}` for a customer the audit feed named; canonical text only when
    /// that is not known).
    init(customer: Customer) {
        self.init(id: customer.id, companyName: customer.companyProfile?.companyName,
                  domain: customer.companyProfile?.domain, tenantID: customer.companyProfile?.tenantID,
                  relationship: customer.relationshipToPartner,
                  rawJSON: customer.receivedText ?? customer.resource.canonicalText())
    }
}
