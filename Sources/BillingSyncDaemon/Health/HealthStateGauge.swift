import Metrics

/// Publishes a health state as the one-hot ``MetricNames/healthState`` gauge: one series per
/// state code, 1 for the current one.
enum HealthStateGauge {
    /// Every ``HealthState/code``, in severity order.
    static let codes = ["starting", "healthy", "degraded", "unreachable", "rate_limited", "database_locked",
                        "forbidden", "credentials_expired", "database_corrupt"]

    /// Sets `activity`'s series: 1 for `state`'s code, 0 for the others.
    static func record(_ state: HealthState, activity: String) {
        for code in codes {
            Gauge(label: MetricNames.healthState,
                  dimensions: [(MetricNames.Label.activity, activity), (MetricNames.Label.state, code)])
                .record(code == state.code ? 1 : 0)
        }
    }
}
