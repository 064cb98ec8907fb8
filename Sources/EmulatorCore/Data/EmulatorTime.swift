import Foundation

/// Date formats the emulator reads and writes (format styles made once: an
/// `ISO8601DateFormatter` made per call was a twentieth of the simulation's time).
enum EmulatorTime {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)
    private static let dateOnly = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()

    /// ISO 8601 with fractional seconds, UTC (`2024-05-01T12:00:00.123Z`).
    static func iso8601(_ date: Date) -> String {
        withFraction.format(date)
    }

    /// Parses `yyyy-mm-dd` (returning the day's start and whether it was date-only) or a full
    /// ISO 8601 timestamp with or without fractional seconds.
    static func parse(_ text: String) -> (date: Date, dateOnly: Bool)? {
        if text.count == 10, let date = try? dateOnly.parse(text) { return (date, true) }
        if let date = try? withFraction.parse(text) { return (date, false) }
        if let date = try? withoutFraction.parse(text) { return (date, false) }
        return nil
    }
}
