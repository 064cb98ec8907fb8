import Foundation
import PartnerCenterModels
import Synchronization
import Testing
@testable import PartnerCenterClient

@Suite("Call ids drawn from the transport clock")
struct TransportClockIDTests {
    @Test("a seeded clock draws the same version-4 UUIDs every run, from two numbers each")
    func seededIDsRepeat() {
        func clock() -> TransportClock {
            let counter = Atomic<UInt64>(0)
            return TransportClock(ContinuousClock(), random: {
                counter.wrappingAdd(1, ordering: .relaxed).newValue &* 0x0123_4567_89AB_CDEF
            })
        }
        let first = clock(), second = clock()
        let ids = (0..<3).map { _ in first.uuid() }
        #expect(ids == (0..<3).map { _ in second.uuid() })
        #expect(Set(ids).count == 3)
        // The bytes are the two numbers' little-endian bytes, with the version and variant bits set.
        let uuid = TransportClock(ContinuousClock(), random: { 0 }).uuid()
        #expect(uuid.lowercaseText == "00000000-0000-4000-8000-000000000000")
    }

    @Test("the production clock draws distinct version-4 UUIDs")
    func productionIDsDiffer() {
        let clock = TransportClock.continuous
        let ids = (0..<10_000).map { _ in clock.uuid() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.lowercaseText.dropFirst(14).first == "4" })
        #expect(ids.allSatisfy { "89ab".contains($0.lowercaseText.dropFirst(19).first!) })
        #expect(Set((0..<1000).map { _ in TransportClock.systemRandom() }).count == 1000)
    }
}
