import Foundation

extension Duration {
    /// The duration as fractional seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Seconds with millisecond precision, e.g. `1.5`.
    public var secondsText: String {
        let millis = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        return millis % 1000 == 0 ? String(millis / 1000) : String(format: "%.3f", Double(millis) / 1000)
    }
}
