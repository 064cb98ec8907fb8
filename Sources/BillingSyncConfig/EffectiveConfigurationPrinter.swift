import Foundation

/// Renders every effective setting (defaults included) for `billing-sync check-config PATH`.
///
/// The output is valid TOML: loading it again yields the same configuration. Derived values
/// (effective URLs) and secrets are written as comments; secrets appear only as
/// `<redacted> (from /path, 44 bytes)`.
public enum EffectiveConfigurationPrinter {
    /// The effective configuration of `loaded` as TOML text.
    public static func render(_ loaded: LoadedConfiguration) -> String {
        let config = loaded.configuration
        var out = TOMLLines()
        out.comment("Effective configuration loaded from \(loaded.sourcePath) (defaults included, secrets redacted)")

        let database = config.database
        out.section("database")
        out.set("path", string: database.path)
        out.set("busy_timeout", database.busyTimeout)
        out.set("synchronous", string: database.synchronous.rawValue)
        out.set("checkpoint_interval", database.checkpointInterval)
        out.set("journal_size_limit_mb", literal: "\(database.journalSizeLimitMB)")
        out.set("integrity_check_interval", database.integrityCheckInterval)

        let center = config.partnerCenter
        out.section("partner_center")
        out.set("cloud", string: center.cloud.rawValue)
        out.set("base_url", optional: center.baseURL?.absoluteString)
        out.comment("effective base URL: \(center.effectiveBaseURL.absoluteString)")
        out.set("token_url", optional: center.tokenURL?.absoluteString)
        out.comment("effective token URL: \(center.effectiveTokenURL.absoluteString)")
        out.set("tenant_id", string: center.tenantID)
        out.set("client_id", string: center.clientID)
        out.set("auth", string: center.auth.rawValue)
        out.set("token_endpoint", string: center.tokenEndpoint.rawValue)
        out.set("scope", string: center.scope)
        out.set("resource", string: center.resource)
        out.set("client_secret_file", optional: center.clientSecretFile)
        out.comment("client secret: " + describe(loaded.clientSecret))
        out.set("refresh_token_file", optional: center.refreshTokenFile)
        out.comment("refresh token: " + (center.requiresRefreshToken ? describe(loaded.refreshToken) : "not used (auth = \"app\")"))
        out.set("application_name", string: center.applicationName)
        out.set("connect_timeout", center.connectTimeout)
        out.set("request_timeout", center.requestTimeout)
        out.set("max_response_bytes", literal: "\(center.maxResponseBytes)")

        let sync = config.sync
        out.section("sync")
        out.set("page_size", literal: "\(sync.pageSize)")
        out.set("max_concurrency", literal: "\(sync.maxConcurrency)")
        out.set("requests_per_minute", literal: "\(sync.requestsPerMinute)")
        out.set("audit_interval", sync.auditInterval)
        out.set("audit_feed", literal: "\(sync.auditFeed)")
        out.set("full_resync_interval", sync.fullResyncInterval)
        out.set("full_resync_jitter", sync.fullResyncJitter)
        out.set("batch_size", literal: "\(sync.batchSize)")

        let push = config.push
        out.section("push")
        out.set("enabled", literal: "\(push.enabled)")
        out.set("max_attempts", literal: "\(push.maxAttempts)")
        out.set("backoff_initial", push.backoffInitial)
        out.set("backoff_max", push.backoffMax)
        out.set("poll_interval", push.pollInterval)
        out.set("address_validation", string: push.addressValidation.rawValue)
        out.set("country_rules_max_age", push.countryRulesMaxAge)

        let azure = config.azure
        out.section("azure")
        out.set("enabled", literal: "\(azure.enabled)")
        out.set("arm_base_url", optional: azure.armBaseURL?.absoluteString)
        out.comment("effective ARM base URL: \(azure.effectiveARMBaseURL(cloud: center.cloud).absoluteString)")
        out.set("scope", optional: azure.scope)
        out.comment("effective scope: \(azure.effectiveScope(cloud: center.cloud))")
        out.set("api_version", string: azure.apiVersion)
        out.set("billing_accounts", strings: azure.billingAccounts)
        out.set("billing_profiles", strings: azure.billingProfiles)
        out.set("expand", literal: "\(azure.expand)")
        out.set("interval", azure.interval)

        out.section("logging")
        out.set("level", string: config.logging.level.rawValue)
        out.set("format", string: config.logging.format.rawValue)

        let metrics = config.metrics
        out.section("metrics")
        out.set("enabled", literal: "\(metrics.enabled)")
        out.set("listen", string: metrics.listen.description)
        out.set("allow_non_loopback", literal: "\(metrics.allowNonLoopback)")
        out.set("sample_interval", metrics.sampleInterval)

        if !loaded.warnings.isEmpty { out.blank() }
        for warning in loaded.warnings { out.comment("warning: " + warning.formatted(sourcePath: loaded.sourcePath)) }
        return out.text
    }

    /// `<redacted> (from /path, 44 bytes)` or `not configured`.
    private static func describe(_ secret: Secret?) -> String {
        guard let secret else { return "not configured" }
        return "\(secret) (from \(secret.origin ?? "unknown source"), \(secret.byteCount) bytes)"
    }
}

/// Accumulates TOML lines with correct string quoting.
private struct TOMLLines {
    private(set) var text = ""

    mutating func line(_ line: String) { text += line + "\n" }
    mutating func blank() { line("") }
    mutating func comment(_ comment: String) { line("# " + comment.replacingNewlines()) }
    mutating func section(_ name: String) { blank(); line("[\(name)]") }
    mutating func set(_ key: String, literal: String) { line("\(key) = \(literal)") }
    mutating func set(_ key: String, string: String) { set(key, literal: Self.quote(string)) }
    mutating func set(_ key: String, _ duration: Duration) { set(key, string: DurationText.format(duration)) }
    mutating func set(_ key: String, strings: [String]) {
        set(key, literal: "[" + strings.map(Self.quote).joined(separator: ", ") + "]")
    }
    mutating func set(_ key: String, optional: String?) {
        if let optional { set(key, string: optional) } else { comment("\(key) not set") }
    }

    /// A TOML basic string with `"`, `\` and control characters escaped.
    static func quote(_ value: String) -> String {
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                quoted += String(format: "\\u%04X", scalar.value)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }
}

private extension String {
    /// Newlines replaced by spaces, so a value cannot break out of a comment line.
    func replacingNewlines() -> String { String(map { $0.isNewline ? " " : $0 }) }
}
