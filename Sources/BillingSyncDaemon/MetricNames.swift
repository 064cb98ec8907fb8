/// Names and label values of the metrics billing-sync exports (Prometheus text format).
///
/// Record them with swift-metrics, e.g.
/// `Counter(label: MetricNames.editsTotal, dimensions: [(MetricNames.Label.outcome, MetricNames.EditOutcome.pushed)])`.
public enum MetricNames {
    /// Counter of Partner Center HTTP requests, labels `route` and `status`.
    public static let partnerCenterRequestsTotal = "partner_center_requests_total"
    /// Summary/histogram (seconds) of time spent waiting for the rate limiter.
    public static let partnerCenterRateLimitWaitSeconds = "partner_center_rate_limit_wait_seconds"
    /// Counter of billing profiles whose mirrored content changed.
    public static let profilesChangedTotal = "billing_sync_profiles_changed_total"
    /// Counter of outbox edits by final outcome, label `outcome` (see ``EditOutcome``).
    public static let editsTotal = "billing_sync_edits_total"
    /// Gauge: Unix time (seconds) of the last successful full reconcile.
    public static let lastReconcileSuccessTimestampSeconds = "billing_sync_last_reconcile_success_timestamp_seconds"

    /// Label names.
    public enum Label {
        /// The API route template, e.g. `/v1/customers/{id}/profiles/billing` (never a raw id).
        public static let route = "route"
        /// The HTTP status code, or `error` when no response arrived.
        public static let status = "status"
        /// The outcome of an outbox edit.
        public static let outcome = "outcome"
    }

    /// Values of the `outcome` label of ``editsTotal``.
    public enum EditOutcome {
        /// The edit was accepted by Partner Center.
        public static let pushed = "pushed"
        /// The edit collided with a remote change and needs a human decision.
        public static let conflict = "conflict"
        /// The edit failed validation (locally or by the API) and will not be retried.
        public static let rejected = "rejected"
        /// The edit failed for another reason (transport, server error) after retries.
        public static let failed = "failed"
        /// All values, in documentation order.
        public static let all = [pushed, conflict, rejected, failed]
    }
}
