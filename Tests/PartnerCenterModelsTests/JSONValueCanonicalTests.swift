import Foundation
import PartnerCenterModels
import Testing

@Suite("Canonical JSON text")
struct JSONValueCanonicalTests {
    static let samples = [
        #"{"b":1,"a":[true,false,null],"c":{"z":"Zürich","y":"上海\n\"quoted\"\\slash/\t"}}"#,
        #"{"Id":null,"DefaultAddress":{"City":"Redmond","State":"WA"},"etag":"-4242348048554929329"}"#,
        #"["\u0001\u001f", -9223372036854775808, 9223372036854775807, "", {}, []]"#,
    ]

    @Test("parses back to the same value", arguments: samples)
    func roundTrip(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.canonicalText()) == value)
    }

    @Test("equals Foundation's sorted-keys encoding for strings, integers and nesting", arguments: samples)
    func matchesFoundation(text: String) throws {
        let value = try JSONValue(parsing: text)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = String(decoding: try encoder.encode(value), as: UTF8.self)
        #expect(value.canonicalText() == foundation)
    }

    @Test("key order and white space of the input do not matter")
    func orderIndependent() throws {
        let one = try JSONValue(parsing: #"{"a":1,"b":{"d":2,"c":3}}"#)
        let two = try JSONValue(parsing: "{ \"b\" : { \"c\" : 3, \"d\" : 2 },\n \"a\" : 1 }")
        #expect(one.canonicalText() == two.canonicalText())
        #expect(one.canonicalText() == #"{"a":1,"b":{"c":3,"d":2}}"#)
    }
}
