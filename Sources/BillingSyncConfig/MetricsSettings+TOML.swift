/// Decoding of `[metrics]`: every key read here is a valid key of that section.
extension MetricsSettings {
    /// Reads the section, reporting problems to the reader's issue collector (defaults stand in for bad values).
    init(reading section: SectionReader) {
        let defaults = MetricsSettings()
        self.init(enabled: section.bool("enabled", default: defaults.enabled))
        allowNonLoopback = section.bool("allow_non_loopback", default: defaults.allowNonLoopback)
        sampleInterval = section.duration("sample_interval", default: defaults.sampleInterval)
        guard let text = section.optionalString("listen") else { return }
        guard let address = ListenAddress(parsing: text) else {
            section.issues.error(.invalidValue, section.path("listen"),
                                 "expected \"host:port\" such as \"127.0.0.1:9464\" or \"[::1]:9464\" (got \"\(text)\")")
            return
        }
        guard address.isLoopback || allowNonLoopback else {
            section.issues.error(.invalidValue, section.path("listen"),
                                 "\"\(text)\" is not a loopback address; set allow_non_loopback = true to expose metrics")
            return
        }
        listen = address
    }
}
