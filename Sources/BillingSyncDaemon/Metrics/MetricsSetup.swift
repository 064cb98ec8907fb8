import CoreMetrics
import Prometheus

/// Process-wide swift-metrics bootstrap with a Prometheus registry behind it.
public enum MetricsSetup {
    private static let once = BootstrapOnce<PrometheusCollectorRegistry>()

    /// Bootstraps `MetricsSystem` with a `PrometheusMetricsFactory` on first call and returns its registry;
    /// later calls return the same registry (swift-metrics allows one bootstrap per process).
    @discardableResult
    public static func bootstrap() -> PrometheusCollectorRegistry {
        once.get {
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            return registry
        }
    }
}
