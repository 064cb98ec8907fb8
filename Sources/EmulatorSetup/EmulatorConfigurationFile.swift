import BillingSyncConfig
import Foundation

/// Writes a configuration for a `billing-sync` process against the emulator as a TOML file,
/// with the secrets in files of mode 0600 beside it (`client-secret`, `refresh-token`): what
/// `billing-sync emulator --write-config DIR` and the demo leave behind, and what the tests'
/// child processes read.
public struct EmulatorConfigurationFile: Sendable {
    /// The configuration written (its secrets go to the secret files).
    public let loaded: LoadedConfiguration
    /// The folder receiving `billing-sync.toml` and the secret files.
    public let folder: String

    /// A writer of `loaded` into `folder`.
    public init(loaded: LoadedConfiguration, folder: String) {
        self.loaded = loaded
        self.folder = folder
    }

    /// The configuration file's path.
    public var path: String { folder + "/billing-sync.toml" }

    /// Writes the file and the secrets; returns the file's path. `extra` is appended verbatim:
    /// other sections only (`[logging]`, `[metrics]`), since TOML forbids repeating a table.
    @discardableResult
    public func write(extra: String = "") throws -> String {
        let settings = loaded.configuration
        let secretPath = folder + "/client-secret"
        let tokenPath = folder + "/refresh-token"
        try writeSecret(loaded.clientSecret?.reveal() ?? "", to: secretPath)
        try writeSecret(loaded.refreshToken?.reveal() ?? "", to: tokenPath)
        let azure = settings.azure
        let azureLines = azure.enabled ? """

            [azure]
            enabled = true
            arm_base_url = "\(azure.armBaseURL?.absoluteString ?? "")"
            billing_accounts = [\(azure.billingAccounts.map { "\"\($0)\"" }.joined(separator: ", "))]

            """ : ""
        let text = """
        # billing-sync against the Partner Center emulator (written by billing-sync).
        [database]
        path = "\(settings.database.path)"

        [partner_center]
        tenant_id = "\(settings.partnerCenter.tenantID)"
        client_id = "\(settings.partnerCenter.clientID)"
        base_url = "\(settings.partnerCenter.baseURL?.absoluteString ?? "")"
        token_url = "\(settings.partnerCenter.tokenURL?.absoluteString ?? "")"
        auth = "app_user"
        client_secret_file = "\(secretPath)"
        refresh_token_file = "\(tokenPath)"

        [sync]
        requests_per_minute = \(settings.sync.requestsPerMinute)
        max_concurrency = \(settings.sync.maxConcurrency)
        page_size = \(settings.sync.pageSize)
        batch_size = \(settings.sync.batchSize)
        audit_feed = \(settings.sync.auditFeed)
        audit_interval = "\(DurationText.format(settings.sync.auditInterval))"
        full_resync_interval = "\(DurationText.format(settings.sync.fullResyncInterval))"
        full_resync_jitter = "\(DurationText.format(settings.sync.fullResyncJitter))"

        [push]
        enabled = \(settings.push.enabled)
        max_attempts = \(settings.push.maxAttempts)
        backoff_initial = "\(DurationText.format(settings.push.backoffInitial))"
        backoff_max = "\(DurationText.format(settings.push.backoffMax))"
        poll_interval = "\(DurationText.format(settings.push.pollInterval))"
        address_validation = "\(settings.push.addressValidation.rawValue)"
        country_rules_max_age = "\(DurationText.format(settings.push.countryRulesMaxAge))"
        \(azureLines)
        \(extra)
        """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func writeSecret(_ value: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
