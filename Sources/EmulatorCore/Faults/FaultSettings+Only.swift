extension FaultSettings {
    /// No fault but `rate`, set to `value` (1: every request), e.g. `.only(\.connectionResetRate, 0.3)`.
    public static func only(_ rate: WritableKeyPath<FaultSettings, Double>, _ value: Double = 1) -> FaultSettings {
        var settings = FaultSettings()
        settings[keyPath: rate] = value
        return settings
    }
}
