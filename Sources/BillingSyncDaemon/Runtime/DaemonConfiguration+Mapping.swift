import AzureBillingClient
import BillingSyncConfig
import BillingSyncEngine
import BillingSyncFiles
import BillingSyncSQLite
import Logging
import PartnerCenterClient

/// Turns the validated TOML configuration into the settings of each component.
extension LoadedConfiguration {
    /// Settings of the Partner Center client, with the secrets read from their files.
    public func partnerCenterClientConfiguration() -> PartnerCenterClientConfiguration {
        let settings = configuration.partnerCenter
        let secret = clientSecret?.reveal()
        let grant: ClientCredentials.Grant = switch settings.auth {
        case .app: .clientCredentials(secret: secret ?? "")
        case .appUser: .refreshToken(clientSecret: secret, refreshToken: refreshToken?.reveal() ?? "")
        }
        let form: ClientCredentials.TokenForm = switch settings.tokenEndpoint {
        case .v2: .v2(scope: settings.scope)
        case .v1: .v1(resource: settings.resource)
        }
        let credentials = ClientCredentials(tokenURL: settings.effectiveTokenURL.absoluteString,
                                            clientID: settings.clientID, tenantID: settings.tenantID,
                                            grant: grant, form: form,
                                            refreshTokenStore: RefreshTokenFile(databasePath: configuration.database.path))
        return PartnerCenterClientConfiguration(
            baseURL: settings.effectiveBaseURL.absoluteString, credentials: credentials,
            applicationName: settings.applicationName, requestsPerMinute: configuration.sync.requestsPerMinute,
            maxConcurrency: configuration.sync.maxConcurrency, connectTimeout: settings.connectTimeout,
            requestTimeout: settings.requestTimeout, maxResponseBytes: settings.maxResponseBytes)
    }

    /// Settings of the ARM billing customers client: the same app registration and token
    /// endpoint as Partner Center, with the ARM scope (`[azure].scope` or the cloud's default).
    public func azureClientConfiguration() -> AzureBillingClientConfiguration {
        let azure = configuration.azure
        let cloud = configuration.partnerCenter.cloud
        var credentials = partnerCenterClientConfiguration().credentials
        let scope = azure.effectiveScope(cloud: cloud)
        credentials.form = switch configuration.partnerCenter.tokenEndpoint {
        case .v2: .v2(scope: scope)
        case .v1: .v1(resource: scope.hasSuffix("/.default") ? String(scope.dropLast("/.default".count)) : scope)
        }
        let settings = configuration.partnerCenter
        return AzureBillingClientConfiguration(
            armBaseURL: azure.effectiveARMBaseURL(cloud: cloud).absoluteString, apiVersion: azure.apiVersion,
            credentials: credentials, maxConcurrency: max(1, min(configuration.sync.maxConcurrency, 4)),
            connectTimeout: settings.connectTimeout, requestTimeout: settings.requestTimeout,
            maxResponseBytes: settings.maxResponseBytes)
    }

    /// What the Azure mirror lists (`[azure]` billing accounts and `account/profile` pairs).
    public func azureMirrorSettings() -> AzureMirrorSettings {
        let azure = configuration.azure
        return AzureMirrorSettings(billingAccounts: azure.billingAccounts, billingProfiles: azure.billingProfiles,
                                   expand: azure.expand, interval: azure.interval)
    }

    /// Settings of the sync engine.
    public func engineConfiguration() -> EngineConfiguration {
        let sync = configuration.sync
        let push = configuration.push
        var engine = EngineConfiguration(
            pageSize: sync.pageSize, maxConcurrency: sync.maxConcurrency, batchSize: sync.batchSize,
            auditFeedEnabled: sync.auditFeed, auditInterval: sync.auditInterval,
            fullResyncInterval: sync.fullResyncInterval, fullResyncJitter: sync.fullResyncJitter,
            spreadFullResync: ReconcileBudgetPlan.spread(of: sync.fullResyncInterval), pushEnabled: push.enabled,
            maxPushAttempts: push.maxAttempts, pushBackoffInitial: push.backoffInitial,
            pushBackoffMax: push.backoffMax, outboxPollInterval: push.pollInterval)
        engine.addressValidation = AddressValidationPolicy(rawValue: push.addressValidation.rawValue) ?? .warn
        engine.countryRulesMaxAge = push.countryRulesMaxAge
        return engine
    }

    /// Options of the read-write SQLite connection.
    public func connectionOptions() -> ConnectionOptions {
        let database = configuration.database
        var options = ConnectionOptions()
        options.busyTimeout = database.busyTimeout
        options.synchronous = database.synchronous == .normal ? .normal : .full
        options.journalSizeLimit = Int64(database.journalSizeLimitMB) * 1024 * 1024
        return options
    }
}

extension LoggingSettings {
    /// The swift-log level of the configured `logging.level`.
    public var swiftLogLevel: Logger.Level {
        Logger.Level(rawValue: level.rawValue) ?? .info
    }

    /// The handler format of the configured `logging.format`.
    public var logFormat: LogFormat {
        LogFormat(rawValue: format.rawValue) ?? .auto
    }
}
