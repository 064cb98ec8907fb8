import BillingSyncStore

/// Counts of one sync run, updated from concurrent batches.
actor RunTally {
    private(set) var counts = SyncRunCounts(customersSeen: 0, profilesFetched: 0, profilesChanged: 0,
                                            profilesUnchanged: 0, customersRemoved: 0, errors: 0)

    func add(seen: Int = 0, removed: Int = 0) {
        counts.customersSeen += seen
        counts.customersRemoved += removed
    }

    func add(_ outcome: MirrorWriter.Outcome) {
        counts.profilesFetched += outcome.changed + outcome.unchanged + outcome.created + outcome.notFound
        counts.profilesChanged += outcome.changed + outcome.created
        counts.profilesUnchanged += outcome.unchanged
        counts.errors += outcome.failed
    }

    /// Profiles handled so far, failed fetches included.
    var handled: Int {
        counts.profilesFetched + counts.errors
    }
}
