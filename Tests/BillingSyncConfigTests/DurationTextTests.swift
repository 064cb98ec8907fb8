import Testing
@testable import BillingSyncConfig

@Suite("Duration strings")
struct DurationTextTests {
    @Test("valid forms", arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)),
        ("24h", .seconds(86_400)), ("1h30m", .seconds(5_400)), ("2d", .seconds(172_800)), ("0s", .zero),
    ])
    func parses(text: String, expected: Duration) throws {
        #expect(try DurationText.parse(text) == expected)
    }

    @Test("garbage is rejected", arguments: ["", "30", "5 minutes", "-5s", "1.5s", "5x", "1m1m", "s", "99999999999999999999s"])
    func rejects(text: String) {
        #expect(throws: DurationText.ParseError.self) { try DurationText.parse(text) }
    }

    @Test("formatting uses the largest units up to hours", arguments: [
        ("500ms", "500ms"), ("30s", "30s"), ("5m", "5m"), ("24h", "24h"), ("90m", "1h30m"), ("2d", "48h"),
        ("1m1s1ms", "1m1s1ms"), ("0ms", "0s"),
    ])
    func formats(text: String, expected: String) throws {
        #expect(DurationText.format(try DurationText.parse(text)) == expected)
    }
}
