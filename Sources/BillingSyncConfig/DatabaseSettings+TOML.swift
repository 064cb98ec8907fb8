/// Decoding of `[database]`: every key read here is a valid key of that section.
extension DatabaseSettings {
    /// Reads the section, reporting problems to the reader's issue collector (defaults stand in for bad values).
    init(reading section: SectionReader) {
        let defaults = DatabaseSettings(path: "")
        self.init(
            path: section.requiredString("path") ?? defaults.path,
            busyTimeout: section.duration("busy_timeout", default: defaults.busyTimeout, allowZero: true),
            synchronous: section.choice("synchronous", default: defaults.synchronous),
            checkpointInterval: section.duration("checkpoint_interval", default: defaults.checkpointInterval),
            journalSizeLimitMB: section.integer("journal_size_limit_mb", default: defaults.journalSizeLimitMB,
                                                range: Self.journalSizeLimitRange),
            integrityCheckInterval: section.duration("integrity_check_interval", default: defaults.integrityCheckInterval,
                                                     allowZero: true)
        )
    }
}
