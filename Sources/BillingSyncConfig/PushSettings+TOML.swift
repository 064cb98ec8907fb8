/// Decoding of `[push]`: every key read here is a valid key of that section.
extension PushSettings {
    /// Reads the section, reporting problems to the reader's issue collector (defaults stand in for bad values).
    init(reading section: SectionReader) {
        let defaults = PushSettings()
        self.init(
            enabled: section.bool("enabled", default: defaults.enabled),
            maxAttempts: section.integer("max_attempts", default: defaults.maxAttempts, range: Self.maxAttemptsRange),
            backoffInitial: section.duration("backoff_initial", default: defaults.backoffInitial),
            backoffMax: section.duration("backoff_max", default: defaults.backoffMax),
            pollInterval: section.duration("poll_interval", default: defaults.pollInterval),
            addressValidation: section.choice("address_validation", default: defaults.addressValidation),
            countryRulesMaxAge: section.duration("country_rules_max_age", default: defaults.countryRulesMaxAge)
        )
        if backoffMax < backoffInitial {
            section.issues.error(.outOfRange, section.path("backoff_max"),
                                 "must not be shorter than backoff_initial (\(DurationText.format(backoffInitial)))")
        }
    }
}
