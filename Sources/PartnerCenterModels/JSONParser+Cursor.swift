import Foundation

extension JSONParser {
    /// The parsing state over one buffer.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0
        /// The top-level member whose array elements' ranges are noted (`parse(_:elementRangesOf:)`).
        let rangesMember: String?
        /// Where each element of that array lies, once it has been parsed.
        private(set) var elementRanges: [Range<Int>] = []
        private var rangesMemberSeen = false

        init(bytes: UnsafeBufferPointer<UInt8>, rangesMember: String? = nil) {
            self.bytes = bytes
            self.rangesMember = rangesMember
        }

        mutating func document() throws(Failure) -> JSONValue {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            skipWhitespace()
            let value = try self.value()
            skipWhitespace()
            guard index == bytes.count else { throw fail("unexpected text after the value") }
            return value
        }

        func fail(_ reason: String) -> Failure {
            Failure(offset: index, reason: reason)
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        private mutating func value() throws(Failure) -> JSONValue {
            guard index < bytes.count else { throw fail("unexpected end of text") }
            switch bytes[index] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw fail("unexpected character")
            }
        }

        private mutating func literal(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count,
                  memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else {
                throw fail("unknown literal")
            }
            index += count
        }

        private mutating func enter() throws(Failure) {
            depth += 1
            guard depth <= JSONParser.maximumDepth else {
                throw fail("nested deeper than \(JSONParser.maximumDepth) levels")
            }
        }

        private mutating func object() throws(Failure) -> JSONValue {
            try enter()
            index += 1
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object([:])
            }
            // Members are gathered in order and hashed once, into a dictionary of the right size
            // (inserting as they come probed each key twice and regrew the table).
            var members: [(String, JSONValue)] = []
            members.reserveCapacity(8)
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
                if depth == 1, rangesMember != nil, !rangesMemberSeen, key == rangesMember {
                    rangesMemberSeen = true
                    let isArray = index < bytes.count && bytes[index] == UInt8(ascii: "[")
                    members.append((key, isArray ? try array(notingElementRanges: true) : try value()))
                } else {
                    members.append((key, try value()))
                }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated object") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    depth -= 1
                    // As `Decodable` did: the first of repeated keys wins.
                    return .object(Dictionary(members, uniquingKeysWith: { first, _ in first }))
                default: throw fail("expected ',' or '}'")
                }
            }
        }

        private mutating func array(notingElementRanges: Bool = false) throws(Failure) -> JSONValue {
            try enter()
            index += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                let start = index
                elements.append(try value())
                if notingElementRanges { elementRanges.append(start..<index) }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated array") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    depth -= 1
                    return .array(elements)
                default: throw fail("expected ',' or ']'")
                }
            }
        }
    }
}
