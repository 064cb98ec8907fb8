import Foundation
import PartnerCenterModels
import Testing

@Suite struct CustomerIDTests {
    @Test("any GUID, in any letter case or in braces, reads back as its lower-case text")
    func roundTrips() throws {
        for _ in 0..<2_000 {
            let text = UUID().uuidString
            let id = try #require(CustomerID(text))
            #expect(id.rawValue == text.lowercased())
            #expect(CustomerID("{\(text.lowercased())}") == id)
            #expect(CustomerID(text.lowercased())?.hashValue == id.hashValue)
        }
        #expect(CustomerID("00000000-0000-0000-0000-000000000000")?.rawValue == "00000000-0000-0000-0000-000000000000")
        #expect(CustomerID("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")?.rawValue == "ffffffff-ffff-ffff-ffff-ffffffffffff")
    }

    @Test("what is not 8-4-4-4-12 hexadecimal digits is refused", arguments: [
        "", "contoso-ltd", "eebd1b55-5360-4438-a11d-5c06918c301", "eebd1b55-5360-4438-a11d-5c06918c30144",
        "eebd1b5505360-4438-a11d-5c06918c3014", "eebd1b55-5360-4438-a11d-5c06918c301g", "eebd1b55-5360-4438-a11d_5c06918c3014",
        "eebd1b555360-4438-a11d-5c06918c3014-", "{eebd1b55-5360-4438-a11d-5c06918c3014", "../../../../../../etc/passwd/aaaaaaa",
        "eebd1b55-5360-4438-a11d-5c06918c301%", " eebd1b55-5360-4438-a11d-5c06918c3014", "eebd1b55-5360-4438-a11d-5c06918c30é",
    ])
    func refusesNonGUIDs(_ text: String) {
        #expect(CustomerID(text) == nil)
        #expect(throws: InvalidCustomerID.self) { try CustomerID.parse(text) }
    }

    @Test("ids order as their lower-case texts do")
    func ordersLikeText() throws {
        let texts = (0..<1_000).map { _ in UUID().uuidString.lowercased() }
        let ids = try texts.map { try #require(CustomerID($0)) }
        #expect(ids.sorted().map(\.rawValue) == texts.sorted())
    }

    @Test("an id is 16 bytes held inline, not a heap string")
    func isSixteenBytes() {
        #expect(MemoryLayout<CustomerID>.size == 16)
    }

    @Test("JSON carries the lower-case text and refuses a non-GUID")
    func codable() throws {
        let id = try #require(CustomerID("EEBD1B55-5360-4438-A11D-5C06918C3014"))
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["eebd1b55-5360-4438-a11d-5c06918c3014"]"#)
        #expect(try JSONDecoder().decode([CustomerID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CustomerID].self, from: Data(#"["x"]"#.utf8)) }
    }
}
