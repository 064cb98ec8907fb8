import Foundation

/// Date formats the emulator reads and writes.
enum EmulatorTime {
    /// ISO 8601 with fractional seconds, UTC (`2024-05-01T12:00:00.123Z`).
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses `yyyy-mm-dd` (returning the day's start and whether it was date-only) or a full
    /// ISO 8601 timestamp with or without fractional seconds.
    static func parse(_ text: String) -> (date: Date, dateOnly: Bool)? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        if text.count == 10, let date = formatter.date(from: text) { return (date, true) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return (date, false) }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return (date, false) }
        return nil
    }
}
