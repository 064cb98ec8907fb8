/// `[metrics]`: the Prometheus `/metrics` endpoint.
public struct MetricsSettings: Sendable, Equatable {
    /// `enabled` (default false).
    public var enabled: Bool
    /// `listen`: address to bind (default `127.0.0.1:9464`); must be loopback unless `allow_non_loopback`.
    public var listen: ListenAddress
    /// `allow_non_loopback` (default false): permit binding a non-loopback address.
    public var allowNonLoopback: Bool
    /// `sample_interval` (default 15s): how often the daemon reads the database-derived metrics.
    public var sampleInterval: Duration

    /// Creates metrics settings.
    public init(
        enabled: Bool = false,
        listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 9_464),
        allowNonLoopback: Bool = false,
        sampleInterval: Duration = .seconds(15)
    ) {
        self.enabled = enabled
        self.listen = listen
        self.allowNonLoopback = allowNonLoopback
        self.sampleInterval = sampleInterval
    }
}
