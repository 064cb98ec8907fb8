/// Parses and formats the duration strings used in the configuration: `500ms`, `30s`, `5m`, `24h`,
/// `1h30m`, `2d`.
///
/// Grammar: one or more `<digits><unit>` parts, units `d`, `h`, `m`, `s`, `ms`, each at most once,
/// no spaces, no signs, no fractions.
public enum DurationText {
    /// Why a duration string was rejected.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The rejected text.
        public let text: String
        /// What is wrong with it.
        public let reason: String
        /// `invalid duration "5 minutes": <reason>; use e.g. "30s", "5m" or "1h30m"`.
        public var description: String {
            "invalid duration \"\(text)\": \(reason); use e.g. \"500ms\", \"30s\", \"5m\" or \"1h30m\""
        }
    }

    private static let unitMilliseconds: [String: Int64] = [
        "ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]

    /// Parses `text` into a `Duration`.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        guard !text.isEmpty else { throw fail("empty") }
        var total: Int64 = 0
        var seenUnits: Set<String> = []
        var rest = Substring(text)
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty else { throw fail("expected a number at \"\(rest)\"") }
            rest = rest.dropFirst(digits.count)
            let unit = String(rest.prefix(while: { $0.isASCII && $0.isLetter }))
            guard !unit.isEmpty else { throw fail("missing unit after \"\(digits)\" (ms, s, m, h or d)") }
            guard let factor = unitMilliseconds[unit] else { throw fail("unknown unit \"\(unit)\" (ms, s, m, h or d)") }
            guard seenUnits.insert(unit).inserted else { throw fail("unit \"\(unit)\" appears twice") }
            rest = rest.dropFirst(unit.count)
            guard let number = Int64(digits) else { throw fail("number too large") }
            let (product, overflow1) = number.multipliedReportingOverflow(by: factor)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow1, !overflow2 else { throw fail("too large") }
            total = sum
        }
        return .milliseconds(total)
    }

    /// Formats `duration` in the same notation, hours being the largest unit (`24h`, `1h30m`, `500ms`, `0s`).
    /// Sub-millisecond parts are dropped.
    public static func format(_ duration: Duration) -> String {
        var remaining = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        guard remaining > 0 else { return "0s" }
        var text = ""
        for (unit, factor) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1_000), ("ms", 1)] {
            let count = remaining / factor
            if count > 0 { text += "\(count)\(unit)" }
            remaining %= factor
        }
        return text
    }
}
