import Foundation

/// The one timestamp format of the store: ISO-8601, UTC, milliseconds, e.g. `2026-11-21T12:34:56.789Z`.
///
/// Strings in this format sort in time order, so SQL can compare them as text; it equals
/// SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ','now')`.
public enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// The current time.
    public static func now() -> String {
        string(from: Date())
    }

    /// `date` formatted with milliseconds in UTC.
    public static func string(from date: Date) -> String {
        withFraction.format(date)
    }

    /// Parses a timestamp with or without fractional seconds; nil when it is not ISO-8601 UTC.
    public static func date(from text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        return try? withoutFraction.parse(text)
    }
}
