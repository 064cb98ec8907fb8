import Foundation
import PartnerCenterModels
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Data(text.utf8))
    }

    /// What the old path (`Decodable` through `JSONDecoder`) makes of a text; nil when it rejects it.
    private func decoded(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    @Test(arguments: [
        ("{\"a\":[1,-2,3.5,true,false,null,\"x\"]}",
         JSONValue.object(["a": .array([.integer(1), .integer(-2), .double(3.5), .bool(true), .bool(false), .null, .string("x")])])),
        ("  \"caf\\u00e9 \\ud83d\\ude00 \\n\\t\\\"\\\\\\/\"  ", .string("café 😀 \n\t\"\\/")),
        ("1.0", .integer(1)), ("1e2", .integer(100)), ("-0.0", .integer(0)), ("2.50", .double(2.5)),
        ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("{\"a\":1,\"a\":2}", .object(["a": .integer(1)])),
        ("{\"A\":1,\"a\":2}", .object(["A": .integer(1), "a": .integer(2)])),
        ("\u{FEFF}[]", .array([])), ("{}", .object([:])), ("\"\"", .string("")), ("\"ü\"", .string("ü")),
    ])
    func acceptsWhatTheOldDecoderAccepted(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
        #expect(decoded(Array(text.utf8)) == expected, "the old decoder agrees")
    }

    @Test(arguments: [
        "", " ", "01", "1.", ".5", "-", "1e", "+1", "1E400", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\x\"", "\"\\u12\"", "\"abc", "\"a\u{01}b\"", "tru", "nul", "[", "{", "1 2",
        "NaN", "Infinity", "'a'", "[1]]", "{\"a\":1}}",
    ])
    func rejects(text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Data([0x22, 0x5C, 0x6E, 0xFF, 0x22])) }
    }

    @Test func capsTheNestingDepth() throws {
        let ok = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(try parse(ok) != .null)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try parse(deep) }
        let deepObjects = String(repeating: "{\"a\":", count: JSONParser.maximumDepth + 1) + "1"
            + String(repeating: "}", count: JSONParser.maximumDepth + 1)
        let failure = try #require(throws: JSONParser.Failure.self) { try parse(deepObjects) }
        #expect(failure.reason.contains("nested deeper"))
    }

    @Test func failuresNameTheOffset() throws {
        let failure = try #require(throws: JSONParser.Failure.self) { try parse("{\"a\": tru}") }
        #expect(failure.offset == 6)
        #expect("\(failure)".contains("byte 6"))
    }

    /// Differential fuzzing: random documents and random byte mutations of them. The parser
    /// never crashes; where the old decoder accepted a text the parser gives the same value,
    /// except texts with a trailing comma (which it rejects on purpose); it accepts nothing the
    /// old decoder rejected.
    @Test func agreesWithTheOldDecoderOnFuzzedInput() throws {
        var random = SeededGenerator(seed: 0x5EED_0012)
        var accepted = 0
        for round in 0..<4_000 {
            let document = Self.randomValue(depth: 0, using: &random)
            var bytes = Array(document.canonicalText().utf8)
            if round % 2 == 1 {
                for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                    let position = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: bytes[position] = Self.interestingBytes.randomElement(using: &random)!
                    case 1: bytes.remove(at: position)
                    default: bytes.insert(Self.interestingBytes.randomElement(using: &random)!, at: position)
                    }
                }
            }
            let new = try? JSONParser.parse(Data(bytes))
            let old = decoded(bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            if let old {
                let trailingComma = text.range(of: #",\s*[\]}]"#, options: .regularExpression) != nil
                if !trailingComma {
                    #expect(new == old, "round \(round): \(text)")
                }
            } else {
                #expect(new == nil, "round \(round): accepted what the old decoder rejected: \(text)")
            }
            if new != nil { accepted += 1 }
        }
        #expect(accepted > 2_000, "most generated documents are valid")
    }

    private static let interestingBytes: [UInt8] = Array("{}[],:\"\\0123456789.-+eEtfnu ".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]

    private static func randomValue(depth: Int, using random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 6 : 8), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(Int64.random(in: -1_000_000...1_000_000, using: &random))
        case 3: return .double(Double(Int.random(in: -100_000...100_000, using: &random)) / 64 + 0.5)
        case 4, 5:
            let alphabet = Array("aZ09 é😀\"\\/\n\t\u{01}-_".unicodeScalars)
            let length = Int.random(in: 0...8, using: &random)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet.randomElement(using: &random)!) }
            return .string(String(text))
        case 6:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0...4, using: &random) {
                members["k\(index)\(Int.random(in: 0...2, using: &random))"] = randomValue(depth: depth + 1, using: &random)
            }
            return .object(members)
        }
    }
}
