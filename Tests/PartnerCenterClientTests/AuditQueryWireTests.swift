import BillingSyncTesting
import Foundation
import PartnerCenterClient
import Testing

/// The audit feed's query as it reaches the wire: dates in UTC with milliseconds, `:` encoded.
@Suite struct AuditQueryWireTests {
    static let emptyPage = ScriptedWire.json(200, #"{"totalCount": 0, "items": [], "attributes": {"objectType": "Collection"}}"#)

    func firstQuery(from: Date, to: Date, filter: String?) async throws -> String {
        let wire = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : Self.emptyPage }
        let client = WireTransportTests.client(wire, clock: ManualClock())
        for try await _ in client.auditRecords(from: from, to: to, filter: filter) {}
        let url = try #require(wire.apiCalls.first?.request.url)
        return String(url.drop { $0 != "?" })
    }

    @Test func datesAreUTCWithMilliseconds() async throws {
        let query = try await firstQuery(from: Date(timeIntervalSince1970: 1_788_000_000.5),
                                         to: Date(timeIntervalSince1970: 1_796_515_200), filter: nil)
        #expect(query == "?startDate=2026-08-29T10%3A40%3A00.500Z&endDate=2026-12-06T00%3A00%3A00.000Z")
    }

    /// The nearest millisecond: a fraction binary floating point cannot hold exactly keeps its
    /// millisecond, and one that rounds up carries into the second.
    @Test func nearestMillisecond() async throws {
        var query = try await firstQuery(from: Date(timeIntervalSince1970: 1_788_000_000.123),
                                         to: Date(timeIntervalSince1970: 1_788_000_000.999), filter: "x y")
        #expect(query == "?startDate=2026-08-29T10%3A40%3A00.123Z&endDate=2026-08-29T10%3A40%3A00.999Z&filter=x%20y")
        query = try await firstQuery(from: Date(timeIntervalSince1970: 1_788_000_000.9996),
                                     to: Date(timeIntervalSince1970: 1_788_000_000.0004), filter: nil)
        #expect(query == "?startDate=2026-08-29T10%3A40%3A01.000Z&endDate=2026-08-29T10%3A40%3A00.000Z")
        query = try await firstQuery(from: Date(timeIntervalSince1970: 1_788_000_000.0015),
                                     to: Date(timeIntervalSince1970: 1_788_000_000.0025), filter: nil)
        #expect(query == "?startDate=2026-08-29T10%3A40%3A00.002Z&endDate=2026-08-29T10%3A40%3A00.003Z")
    }
}
