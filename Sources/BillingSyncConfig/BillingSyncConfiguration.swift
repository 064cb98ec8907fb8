/// The complete, validated billing-sync configuration (one value per TOML section).
///
/// Produced by ``ConfigurationLoader``; every optional TOML key has been replaced by its default.
public struct BillingSyncConfiguration: Sendable, Equatable {
    /// `[database]`: the SQLite mirror.
    public var database: DatabaseSettings
    /// `[partner_center]`: endpoints, identity and HTTP limits for the Partner Center API.
    public var partnerCenter: PartnerCenterSettings
    /// `[sync]`: paging, concurrency, rate limit and schedules of the pull side.
    public var sync: SyncSettings
    /// `[push]`: the outbox pusher (local edits → Partner Center).
    public var push: PushSettings
    /// `[azure]`: the optional ARM billing-customers mirror.
    public var azure: AzureSettings
    /// `[logging]`: level and output format.
    public var logging: LoggingSettings
    /// `[metrics]`: Prometheus endpoint.
    public var metrics: MetricsSettings

    /// Creates a configuration from its sections.
    public init(
        database: DatabaseSettings,
        partnerCenter: PartnerCenterSettings,
        sync: SyncSettings = SyncSettings(),
        push: PushSettings = PushSettings(),
        azure: AzureSettings = AzureSettings(),
        logging: LoggingSettings = LoggingSettings(),
        metrics: MetricsSettings = MetricsSettings()
    ) {
        self.database = database
        self.partnerCenter = partnerCenter
        self.sync = sync
        self.push = push
        self.azure = azure
        self.logging = logging
        self.metrics = metrics
    }

    /// The all-defaults configuration for demos and tests: only the required values are given.
    ///
    /// The tenant and client IDs default to the all-zero GUID, which no real tenant uses.
    public static func defaults(
        databasePath: String,
        tenantID: String = "00000000-0000-0000-0000-000000000000",
        clientID: String = "00000000-0000-0000-0000-000000000000"
    ) -> BillingSyncConfiguration {
        BillingSyncConfiguration(
            database: DatabaseSettings(path: databasePath),
            partnerCenter: PartnerCenterSettings(tenantID: tenantID, clientID: clientID)
        )
    }
}
