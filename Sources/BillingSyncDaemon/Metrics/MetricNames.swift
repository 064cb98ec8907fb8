import PartnerCenterClient

/// Names and label values of the metrics billing-sync exports (Prometheus text format, one
/// `billing_sync_` prefix; process metrics use the client libraries' standard `process_` names).
/// docs/metrics.md describes each; ``all`` is the catalogue the shipped alert rules and dashboard
/// are checked against.
///
/// Record them with swift-metrics, e.g.
/// `Counter(label: MetricNames.editsTotal, dimensions: [(MetricNames.Label.outcome, MetricNames.EditOutcome.pushed)])`.
public enum MetricNames {
    /// Counter of billing profiles whose mirrored content changed.
    public static let profilesChangedTotal = "billing_sync_profiles_changed_total"
    /// Counter of outbox edits by final outcome, label `outcome` (see ``EditOutcome``).
    public static let editsTotal = "billing_sync_edits_total"
    /// Gauge, labels `activity` (``SyncActivity`` raw values and `overall`) and `state`
    /// (``HealthState/code``): 1 for the activity's current state, 0 for the others.
    public static let healthState = "billing_sync_health_state"
    /// Gauge: Unix time of the last successful pass per `activity` (`reconcile`, `audit_feed`, `outbox`, `azure`).
    public static let lastSuccessTimestampSeconds = "billing_sync_last_success_timestamp_seconds"
    /// Gauge: outbox edits by `status` (every ``BillingSyncStore/EditStatus``), read from the database.
    public static let outboxEdits = "billing_sync_outbox_edits"
    /// Counter of address-service calls by `outcome` (``AddressValidationOutcome`` raw values:
    /// `verified`, `not_verified`, `error`).
    public static let addressValidationsTotal = "billing_sync_address_validations_total"
    /// Gauge: age of the oldest edit in `needs_review` (0 when none).
    public static let oldestReviewEditAgeSeconds = "billing_sync_oldest_review_edit_age_seconds"
    /// Gauge: conflicts without a resolution.
    public static let openConflicts = "billing_sync_open_conflicts"
    /// Gauge: age of the oldest `pending`/`pushing` edit (0 when none).
    public static let oldestPendingEditAgeSeconds = "billing_sync_oldest_pending_edit_age_seconds"
    /// Gauge: mirrored customers by `state` (`active`, `removed`).
    public static let mirrorCustomers = "billing_sync_mirror_customers"
    /// Gauge: mirrored billing profiles by `status` (`ok`, `not_found`).
    public static let mirrorProfiles = "billing_sync_mirror_profiles"
    /// Gauge: `profile_history` rows by `source` (`remote` and `local_tampering` are drift detections, `push` our edits).
    public static let historyRows = "billing_sync_history_rows"
    /// Gauge: Unix time the daemon last kept a rotated refresh token (absent until one is kept).
    public static let refreshTokenLastRotatedTimestampSeconds = "billing_sync_refresh_token_last_rotated_timestamp_seconds"
    /// Gauge: seconds since the refresh token was last rotated (absent until one is kept).
    public static let refreshTokenAgeSeconds = "billing_sync_refresh_token_age_seconds"
    /// Gauge: Unix time the database metrics were last read (they are sampled, not read per scrape).
    public static let databaseSampleTimestampSeconds = "billing_sync_database_sample_timestamp_seconds"
    /// Gauge, always 1, label `version`.
    public static let buildInfo = "billing_sync_build_info"
    /// Process metrics, named as the Prometheus client libraries name them.
    public enum Process {
        /// Gauge: resident set size in bytes.
        public static let residentMemoryBytes = "process_resident_memory_bytes"
        /// Gauge: virtual memory size in bytes.
        public static let virtualMemoryBytes = "process_virtual_memory_bytes"
        /// Gauge: open file descriptors.
        public static let openFDs = "process_open_fds"
        /// Gauge: the file descriptor limit.
        public static let maxFDs = "process_max_fds"
        /// Counter: user and system CPU time in seconds.
        public static let cpuSecondsTotal = "process_cpu_seconds_total"
        /// Gauge: Unix time the process started.
        public static let startTimeSeconds = "process_start_time_seconds"
        /// All process metric names.
        public static let all = [residentMemoryBytes, virtualMemoryBytes, openFDs, maxFDs, cpuSecondsTotal, startTimeSeconds]
    }

    /// Every metric name billing-sync exports (histograms without their `_bucket`/`_sum`/`_count` suffixes).
    public static let all: [String] = [
        HTTPMetricNames.requestsTotal, HTTPMetricNames.requestDurationSeconds, HTTPMetricNames.retriesTotal,
        HTTPMetricNames.rateLimitedTotal, HTTPMetricNames.rateLimitWaitSeconds, HTTPMetricNames.rateLimiterTokens,
        HTTPMetricNames.accessTokenExpiryTimestampSeconds,
        profilesChangedTotal, editsTotal, healthState, lastSuccessTimestampSeconds, outboxEdits, openConflicts,
        oldestPendingEditAgeSeconds, mirrorCustomers, mirrorProfiles, historyRows, refreshTokenLastRotatedTimestampSeconds,
        refreshTokenAgeSeconds, databaseSampleTimestampSeconds, buildInfo, addressValidationsTotal,
        oldestReviewEditAgeSeconds,
    ] + Process.all

    /// Names of the histograms in ``all`` (exported as `_bucket`, `_sum` and `_count` series).
    public static let histograms = [HTTPMetricNames.requestDurationSeconds, HTTPMetricNames.rateLimitWaitSeconds]

    /// Label names.
    public enum Label {
        /// The API route template, e.g. `/v1/customers/{id}/profiles/billing` (never a raw id).
        public static let route = "route"
        /// The HTTP status code, or `error` when no response arrived.
        public static let status = "status"
        /// The outcome of an outbox edit.
        public static let outcome = "outcome"
        /// A ``SyncActivity`` raw value, or ``overall``.
        public static let activity = "activity"
        /// A ``HealthState/code``.
        public static let state = "state"
        /// The `activity` value of the daemon's overall (worst) health.
        public static let overall = "overall"
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
        /// The address service did not verify the edit's address (`require`): it waits for review.
        public static let needsReview = "needs_review"
        /// All values, in documentation order.
        public static let all = [pushed, conflict, rejected, failed, needsReview]
    }
}
