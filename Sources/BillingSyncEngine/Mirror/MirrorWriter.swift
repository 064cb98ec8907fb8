import BillingSyncStore
import PartnerCenterAPI
import PartnerCenterModels

/// The one write path of fetched profiles into the mirror, shared by the full reconcile, the
/// audit-feed refresh and the pusher: diff against the mirrored row, write field-level history,
/// then save — all of a batch in one `BEGIN IMMEDIATE` transaction.
public struct MirrorWriter: Sendable {
    let store: StoreWriter

    public init(store: StoreWriter) {
        self.store = store
    }

    /// Tallies of one applied batch.
    public struct Outcome: Sendable {
        public var changed = 0
        public var unchanged = 0
        public var created = 0
        public var notFound = 0
        public var failed = 0
        public var tampered = 0
        public var historyRows = 0
        /// Fetched profiles not written because the row changed after the fetch began, or a push
        /// of that customer is in flight (it writes the row itself).
        public var superseded = 0
        /// The customers whose fetch failed, with the error.
        public var failures: [CustomerID: PartnerCenterError] = [:]
    }

    /// Applies a batch of fetches. `checkpoint`, when given, is stored in the same transaction,
    /// so the audit feed's position never runs ahead of the data it caused.
    @discardableResult
    public func apply(_ batch: [ProfileFetch], checkpoint: (key: String, value: String)? = nil) async throws -> Outcome {
        try await store.write { tx in
            let startSequences = Dictionary(batch.map { ($0.outcome.customerID, $0.startSequence) }, uniquingKeysWith: min)
            let outcome = try Self.apply(batch.map(\.outcome), in: tx, attribution: .remote, startSequences: startSequences)
            if let checkpoint { try tx.setCheckpoint(checkpoint.key, checkpoint.value) }
            return outcome
        }
    }

    /// Applies a batch inside a transaction the caller owns (the pusher marks its edit `pushed`
    /// in the same transaction).
    /// `attribution` says whose change each field's history row names (`ChangeAttribution`).
    ///
    /// With `startSequences` (fetches), a fetched profile never replaces a row written after its fetch
    /// began (`mirror_seq` above its start sequence), nor the row of a customer with a push in flight:
    /// those are counted as `superseded`. Failed fetches are recorded on the customer's row and
    /// kept in the retry set; a successful one clears both.
    public static func apply(_ batch: [FetchedProfile], in tx: WriteTransaction, attribution: ChangeAttribution,
                             startSequences: [CustomerID: Int64]? = nil) throws -> Outcome {
        let now = tx.timestamp()
        let inFlight = startSequences == nil ? [] : try tx.customersWithEditsInFlight()
        var outcome = Outcome()
        var succeeded: [CustomerID] = []
        // A fetch that the client left unparsed (its bytes were the mirrored body when it began)
        // of a row still sealed and not written since: recognised by one UPDATE, no row read.
        var rest: [FetchedProfile] = []
        rest.reserveCapacity(batch.count)
        for item in batch {
            if case .found(let id, let received, let rawJSON) = item, !received.isParsed, !inFlight.contains(id),
               let startSequence = startSequences?[id],
               try tx.saveUnchangedSealedFetch(customerID: id, rawJSON: rawJSON, startSequence: startSequence, fetchedAt: now) {
                succeeded.append(id)
                outcome.unchanged += 1
            } else {
                rest.append(item)
            }
        }
        let existing = try tx.profiles(rest.map(\.customerID), parsingResources: false)
        var sequence: Int64?
        func nextSequence() throws -> Int64 {
            if let sequence { return sequence }
            let next = try tx.advanceMirrorSequence()
            sequence = next
            return next
        }
        func isSuperseded(_ id: CustomerID) -> Bool {
            guard let startSequences else { return false }
            if inFlight.contains(id) { return true }
            guard let startSequence = startSequences[id], let old = existing[id] else { return false }
            return old.mirrorSequence > startSequence
        }
        func recordFailure(_ id: CustomerID, _ error: PartnerCenterError) throws {
            outcome.failed += 1
            outcome.failures[id] = error
            try tx.setFetchError(customerID: id, "\(error)", at: now)
            try tx.recordRetry(customerID: id, reason: "\(error)", at: now)
        }
        for item in rest {
            switch item {
            case .found(let id, let received, let rawJSON):
                if isSuperseded(id) {
                    succeeded.append(id)
                    outcome.superseded += 1
                    continue
                }
                var old = existing[id]
                // The same bytes as mirrored, in a row untouched since it was sealed (an unchanged
                // re-fetch): no flattening, hashing, parse, diff or rewrite. A fetch hands such a
                // body over unparsed (`ProfileFetcher`), and it stays so.
                if let old, old.holdsSealed(rawJSON: rawJSON),
                   try tx.saveUnchangedFetch(customerID: id, fetchedAt: now) {
                    succeeded.append(id)
                    outcome.unchanged += 1
                    continue
                }
                // Parsed before anything of it is written: an unparsed body matched the mirrored
                // bytes when it was fetched, which a hand edit may have left invalid.
                let profile: BillingProfile
                do {
                    profile = try received.parsed()
                } catch {
                    try recordFailure(id, PartnerCenterError(kind: .invalidResponse,
                                                             message: "billing profile of customer \(id): \(error)"))
                    continue
                }
                succeeded.append(id)
                let columns = ProfileColumns.values(profile.resource)
                let contentHash = ContentHash.of(resource: profile.resource)
                // The same text as mirrored in a row without a seal yet (saved before version 6):
                // recognised from the computed values, and sealed for the next re-fetch.
                if let old, old.holdsUnchanged(rawJSON: rawJSON, etag: profile.etag, columns: columns, contentHash: contentHash),
                   try tx.saveUnchangedFetch(customerID: id, fetchedAt: now,
                                             seal: ProfileSeal.of(etag: old.etag, columns: columns,
                                                                  contentHash: contentHash, rawJSON: old.rawJSON ?? rawJSON)) {
                    outcome.unchanged += 1
                    continue
                }
                if let raw = old?.rawJSON { old?.resource = try? JSONValue(parsing: raw) }
                // Tampering detection re-flattens and re-hashes the row: do it once.
                let tampered = old?.isTampered == true
                let entries = history(for: id, old: old, new: profile, attribution: attribution, tampered: tampered)
                let isNew = old == nil || old?.status != .ok
                let changed = isNew || tampered || !entries.isEmpty || old?.etag != profile.etag
                if tampered { outcome.tampered += 1 }
                try tx.saveProfile(customerID: id, resource: profile.resource, rawJSON: rawJSON,
                                   fetchedAt: now, changed: changed, sequence: changed ? try nextSequence() : 0,
                                   columns: columns, contentHash: contentHash)
                try tx.appendHistory(entries, detectedAt: now)
                outcome.historyRows += entries.count
                if isNew { outcome.created += 1 } else if changed { outcome.changed += 1 } else { outcome.unchanged += 1 }
            case .notFound(let id):
                succeeded.append(id)
                if isSuperseded(id) {
                    outcome.superseded += 1
                    continue
                }
                // A fetch (startSequences) leaves an already-`not_found` row's number; the pusher settling
                // edits always moves the row past the fetches that began before it.
                try tx.markProfileNotFound(customerID: id, at: now, sequence: try nextSequence(), advancing: startSequences == nil)
                outcome.notFound += 1
            case .failed(let id, let error):
                try recordFailure(id, error)
            }
        }
        if startSequences != nil, !succeeded.isEmpty {
            try tx.clearFetchErrors(succeeded)
            try tx.clearRetry(succeeded)
        }
        return outcome
    }

    /// History rows for replacing `old` by `new`: a locally tampered row yields `local_tampering`
    /// rows for each column that differs from the fresh remote, then the remote's own changes.
    static func history(for id: CustomerID, old: StoredProfile?, new: BillingProfile,
                        attribution: ChangeAttribution, tampered: Bool) -> [HistoryEntry] {
        guard let old, old.status == .ok else { return [] }
        var entries: [HistoryEntry] = []
        if tampered {
            for field in BillingProfileField.all {
                let mirrored = old.columns[field.path] ?? nil
                let remote = ProfileDiff.textValue(new.resource.value(atPathComponents: field.pathComponents))
                if mirrored != remote {
                    entries.append(HistoryEntry(customerID: id, field: field.path, oldValue: mirrored, newValue: remote,
                                                oldETag: old.etag, newETag: new.etag, source: .localTampering, editID: nil))
                }
            }
        }
        // A tampered raw_json with an unchanged ETag differs from the remote only by the local edit.
        let tamperedOnly = tampered && old.etag == new.etag
        let listed = Set(entries.map(\.field))
        for change in ProfileDiff.changes(from: old.resource, to: new.resource) where !listed.contains(change.field) {
            let (source, editID) = attribution.attribute(change.field)
            // A field this write names as its own (not a push's other fields, someone else's).
            let ownField = attribution == .remote || source == .push
            let fieldSource = tamperedOnly && ownField ? ChangeSource.localTampering : source
            entries.append(HistoryEntry(customerID: id, field: change.field, oldValue: change.oldValue,
                                        newValue: change.newValue, oldETag: old.etag, newETag: new.etag,
                                        source: fieldSource, editID: fieldSource == .push ? editID : nil))
        }
        return entries
    }
}
