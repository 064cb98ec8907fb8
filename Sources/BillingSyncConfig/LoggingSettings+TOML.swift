/// Decoding of `[logging]`: every key read here is a valid key of that section.
extension LoggingSettings {
    /// Reads the section, reporting problems to the reader's issue collector (defaults stand in for bad values).
    init(reading section: SectionReader) {
        let defaults = LoggingSettings()
        self.init(
            level: section.choice("level", default: defaults.level),
            format: section.choice("format", default: defaults.format)
        )
    }
}
