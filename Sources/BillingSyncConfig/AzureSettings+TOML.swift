extension AzureSettings {
    /// Reads `[azure]`, checking `billing_accounts` when enabled and the `account/profile` form.
    init(reading section: SectionReader) {
        let defaults = AzureSettings()
        self.init(
            enabled: section.bool("enabled", default: defaults.enabled),
            armBaseURL: section.endpointURL("arm_base_url"),
            scope: section.optionalString("scope"),
            apiVersion: section.string("api_version", default: defaults.apiVersion),
            billingAccounts: section.stringArray("billing_accounts"),
            billingProfiles: section.stringArray("billing_profiles"),
            expand: section.bool("expand", default: defaults.expand),
            interval: section.duration("interval", default: defaults.interval)
        )
        if enabled && billingAccounts.isEmpty {
            section.issues.error(.missingKey, section.path("billing_accounts"),
                                 "must list at least one billing account when azure.enabled = true")
        }
        for profile in billingProfiles {
            let parts = profile.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) {
                section.issues.error(.invalidValue, section.path("billing_profiles"),
                                     "\"\(profile)\" is not in the form \"account/profile\"")
            }
        }
    }
}
