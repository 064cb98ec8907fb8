import Foundation
import PartnerCenterModels
import Testing

@Suite("UUIDs as lower-case text")
struct UUIDLowercaseTextTests {
    @Test("the same text as uuidString lowered, for fixed and random UUIDs")
    func sameAsLoweredUUIDString() throws {
        let fixed = try #require(UUID(uuidString: "EEBD1B55-5360-4438-A11D-5C06918C3014"))
        #expect(fixed.lowercaseText == "eebd1b55-5360-4438-a11d-5c06918c3014")
        let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        #expect(zero.lowercaseText == "00000000-0000-0000-0000-000000000000")
        let ones = UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))
        #expect(ones.lowercaseText == "ffffffff-ffff-ffff-ffff-ffffffffffff")
        for _ in 0..<1000 {
            let uuid = UUID()
            #expect(uuid.lowercaseText == uuid.uuidString.lowercased())
        }
    }
}
