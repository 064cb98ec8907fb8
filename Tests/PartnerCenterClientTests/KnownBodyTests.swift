import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterModels
import Testing

/// `billingProfile(_:knownBody:)`: an answer of exactly the bytes the caller holds is handed over
/// unparsed; any other answer is parsed and checked as before, a damaged one retried.
@Suite struct KnownBodyTests {
    static let profileJSON = #"{"id": "p1", "defaultAddress": {"city": "Lisbon"}, "attributes": {"etag": "e-1"}}"#
    static let otherJSON = #"{"id": "p1", "defaultAddress": {"city": "Porto"}, "attributes": {"etag": "e-2"}}"#

    /// A client over a wire answering every profile GET with `answers` in turn.
    static func client(answering answers: [RawResponse]) -> (PartnerCenterClient, ScriptedWire) {
        let queue = AnswerQueue(answers)
        let wire = ScriptedWire { sent in sent.isTokenRequest ? ScriptedWire.token("access-1") : queue.next() }
        return (WireTransportTests.client(wire, clock: ManualClock()), wire)
    }

    @Test func theKnownBytesComeBackUnparsed() async throws {
        let (client, _) = Self.client(answering: [ScriptedWire.json(200, Self.profileJSON)])
        let profile = try await client.billingProfile(WireTransportTests.customer, knownBody: Data(Self.profileJSON.utf8))
        #expect(!profile.isParsed)
        #expect(profile.rawData == Data(Self.profileJSON.utf8))
        // Parsed on first use, to the same profile as a parse of the bytes.
        #expect(profile == (try BillingProfile(data: Data(Self.profileJSON.utf8))))
        #expect(profile.etag == "e-1" && profile.isParsed)
    }

    @Test func otherBytesAreParsedAsBefore() async throws {
        let (client, _) = Self.client(answering: [ScriptedWire.json(200, Self.otherJSON), ScriptedWire.json(200, Self.otherJSON)])
        let changed = try await client.billingProfile(WireTransportTests.customer, knownBody: Data(Self.profileJSON.utf8))
        #expect(changed.isParsed && changed.defaultAddress?.city == "Porto")
        let plain = try await client.billingProfile(WireTransportTests.customer)
        #expect(plain.isParsed && plain.rawData == Data(Self.otherJSON.utf8))
    }

    /// What a call answered only `body` ends with: its error, and the requests it made.
    static func failure(answering body: String, knownBody: Data?) async -> (PartnerCenterError?, Int) {
        let (client, wire) = Self.client(answering: Array(repeating: ScriptedWire.json(200, body), count: 5))
        do throws(PartnerCenterError) {
            _ = try await client.billingProfile(WireTransportTests.customer, knownBody: knownBody)
            return (nil, wire.apiCalls.count)
        } catch {
            return (error, wire.apiCalls.count)
        }
    }

    @Test(arguments: ["<html><body>Bad Gateway {\"id\": ", "{\"id\": \"p1\"", "[1, 2]", ""])
    func aDamagedBodyFailsAsWithoutAKnownBody(body: String) async throws {
        let (plain, plainCalls) = await Self.failure(answering: body, knownBody: nil)
        let (known, knownCalls) = await Self.failure(answering: body, knownBody: Data(Self.profileJSON.utf8))
        let error = try #require(known)
        #expect(error.kind == .invalidResponse)
        #expect(error.kind == plain?.kind && error.message == plain?.message && error.status == plain?.status)
        #expect(knownCalls == plainCalls, "retried as often as without a known body")
    }

    @Test func anEmptyKnownBodyAcceptsNoEmptyAnswer() async throws {
        let (client, _) = Self.client(answering: Array(repeating: ScriptedWire.json(200, ""), count: 3))
        await #expect(throws: PartnerCenterError.self) {
            _ = try await client.billingProfile(WireTransportTests.customer, knownBody: Data())
        }
    }
}
