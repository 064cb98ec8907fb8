import Foundation
import PartnerCenterModels
import Testing

/// `JSONParser.parse(_:elementRangesOf:)`: where each element of a collection's `items` lies, so
/// a list item can be kept exactly as it was sent.
@Suite struct JSONParserElementRangesTests {
    private func texts(_ text: String, member: String? = "items") throws -> [String] {
        let data = Data(text.utf8)
        let (_, ranges) = try JSONParser.parse(data, elementRangesOf: member)
        return ranges.map { String(decoding: data[$0], as: UTF8.self) }
    }

    @Test func eachElementAsSent() throws {
        let page = #"{ "totalCount": 3, "items" : [ {"b": 1,  "a": "x\u00e9"} ,"s",[1, {"items": [9]}] ], "links": {} }"#
        #expect(try texts(page) == [#"{"b": 1,  "a": "x\u00e9"}"#, #""s""#, #"[1, {"items": [9]}]"#])
        // The parsed value is the same as without ranges.
        #expect(try JSONParser.parse(Data(page.utf8), elementRangesOf: "items").value == (try JSONParser.parse(Data(page.utf8))))
    }

    @Test func onlyTheTopLevelMemberCounts() throws {
        #expect(try texts(#"{"links": {"items": [1, 2]}}"#).isEmpty)
        #expect(try texts(#"[{"items": [1]}]"#).isEmpty)
        #expect(try texts(#"{"items": null}"#).isEmpty)
        #expect(try texts(#"{"items": []}"#).isEmpty)
        #expect(try texts(#"{"items": [1]}"#, member: nil).isEmpty)
    }

    @Test func theFirstOfRepeatedMembersCountsAsInTheValue() throws {
        let page = #"{"items": [1, 2], "items": [3]}"#
        #expect(try texts(page) == ["1", "2"])
        #expect(try JSONParser.parse(Data(page.utf8))[member: "items"] == .array([.integer(1), .integer(2)]))
        #expect(try texts(#"{"items": 7, "items": [3]}"#).isEmpty)
    }

    @Test func offsetsCountFromTheFirstByteOfTheText() throws {
        // A byte order mark is skipped by the parser but counted in the offsets.
        let data = Data([0xEF, 0xBB, 0xBF] + Array(#"{"items": [true]}"#.utf8))
        let (_, ranges) = try JSONParser.parse(data, elementRangesOf: "items")
        #expect(ranges == [14..<18])
    }
}
