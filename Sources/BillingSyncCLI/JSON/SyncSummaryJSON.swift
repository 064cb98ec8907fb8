/// `billing-sync sync --once --json` (version 1): what the one pass did.
struct SyncSummaryJSON: CLIJSON {
    struct Reconcile: Codable { var customersSeen, profilesFetched, profilesChanged, customersRemoved, errors: Int }
    struct Push: Codable { var pushed, conflicts, rejected, failed, deferred, needsReview: Int }
    struct Azure: Codable { var customersSeen, customersAdded, customersChanged, customersRemoved, errors: Int }
    var version = 1
    var reconcile: Reconcile
    var push: Push
    var azure: Azure?
}
