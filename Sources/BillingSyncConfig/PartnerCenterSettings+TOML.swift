extension PartnerCenterSettings {
    /// Keys that would hold a secret inline, with the file key to use instead.
    static let inlineSecretKeys: [(inline: String, file: String)] = [
        ("client_secret", "client_secret_file"), ("refresh_token", "refresh_token_file"),
    ]

    /// Reads `[partner_center]`, refusing inline secrets; problems go to the reader's issue collector.
    init(reading section: SectionReader) {
        let defaults = PartnerCenterSettings(tenantID: "", clientID: "")
        self.init(
            tenantID: section.guid("tenant_id") ?? defaults.tenantID,
            clientID: section.guid("client_id") ?? defaults.clientID,
            cloud: section.choice("cloud", default: defaults.cloud),
            baseURL: section.endpointURL("base_url"),
            tokenURL: section.endpointURL("token_url"),
            auth: section.choice("auth", default: defaults.auth),
            tokenEndpoint: section.choice("token_endpoint", default: defaults.tokenEndpoint),
            scope: section.string("scope", default: defaults.scope),
            resource: section.string("resource", default: defaults.resource),
            clientSecretFile: section.optionalString("client_secret_file"),
            refreshTokenFile: section.optionalString("refresh_token_file"),
            applicationName: section.string("application_name", default: defaults.applicationName),
            connectTimeout: section.duration("connect_timeout", default: defaults.connectTimeout),
            requestTimeout: section.duration("request_timeout", default: defaults.requestTimeout),
            maxResponseBytes: section.integer("max_response_bytes", default: defaults.maxResponseBytes,
                                              range: Self.maxResponseBytesRange)
        )
        if !applicationName.allSatisfy({ $0.isASCII && ($0 == " " || $0.isLetter || $0.isNumber || $0.isPunctuation || $0.isSymbol) }) {
            section.issues.error(.invalidValue, section.path("application_name"),
                                 "must be printable ASCII (it is sent as the MS-PartnerCenter-Application header)")
        }
        for (inline, file) in Self.inlineSecretKeys where section.contains(inline) {
            section.issues.error(.invalidValue, section.path(inline),
                                 "secrets are not allowed in the configuration file; put it in a file and set \(file) "
                                 + "(or provide it via systemd LoadCredential= and $CREDENTIALS_DIRECTORY)")
        }
    }
}
