import BillingSyncConfig
import Foundation

/// Writes an `EmulatedEnvironment`'s configuration as a TOML file plus secret files, so a real
/// `billing-sync` child process can be started against the emulator.
struct TOMLConfigurationWriter {
    let environment: EmulatedEnvironment

    /// `extra` is appended verbatim: other sections only (`[logging]`, `[metrics]`), since TOML
    /// forbids repeating a table; change sync and push settings through `adjust` instead.
    func write(extra: String) throws -> String {
        let folder = environment.folder
        let settings = environment.loaded.configuration
        let secretPath = folder + "/client-secret"
        let tokenPath = folder + "/refresh-token"
        try writeSecret(environment.loaded.clientSecret?.reveal() ?? "", to: secretPath)
        try writeSecret(environment.loaded.refreshToken?.reveal() ?? "", to: tokenPath)
        let text = """
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

        \(extra)
        """
        let path = folder + "/billing-sync.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func writeSecret(_ value: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
