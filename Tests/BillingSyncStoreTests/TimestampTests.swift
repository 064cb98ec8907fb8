import Foundation
import Testing
@testable import BillingSyncStore

@Suite("Timestamps")
struct TimestampTests {
    @Test("formats ISO-8601 UTC with milliseconds")
    func format() {
        let date = Date(timeIntervalSince1970: 1_795_264_496.789)
        #expect(Timestamp.string(from: date) == "2026-11-21T12:34:56.789Z")
        let now = Timestamp.now()
        #expect(now.count == 24 && now.hasSuffix("Z") && now.dropFirst(10).first == "T", "\(now)")
    }

    @Test("parses what it writes, and whole seconds too")
    func parse() throws {
        let date = try #require(Timestamp.date(from: "2026-11-21T12:34:56.789Z"))
        #expect(abs(date.timeIntervalSince1970 - 1_795_264_496.789) < 0.001)
        #expect(Timestamp.date(from: "2026-11-21T12:34:56Z")?.timeIntervalSince1970 == 1_795_264_496)
        #expect(Timestamp.date(from: "yesterday") == nil)
    }

    @Test("strings sort in time order")
    func sortable() {
        let earlier = Timestamp.string(from: Date(timeIntervalSince1970: 1_000_000_000.5))
        let later = Timestamp.string(from: Date(timeIntervalSince1970: 1_000_000_001.25))
        #expect(earlier < later)
    }
}
