import Foundation

/// A strict RFC 8259 parser from UTF-8 bytes straight into `JSONValue`, with a nesting cap.
///
/// Every response body and every mirrored row is parsed, so this is on the hot path of each
/// profile: decoding `JSONValue` through `Decodable` probed each value as String, object, Bool,
/// Int64, Double and array in turn, each failed probe throwing an error, and took about a third
/// of the sync's CPU. The parser keeps that decoder's results, so content hashes stay the same:
/// a number with an integral value that fits in `Int64` is `.integer` (also `1.0` and `1e2`),
/// any other number `.double`; of repeated keys the first wins; white space around the value
/// and a UTF-8 byte order mark are allowed. Unlike that decoder it rejects trailing commas.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted (Partner Center documents nest 3–4 levels).
    public static let maximumDepth = 128

    /// Why a text is not accepted, with the byte offset where parsing stopped.
    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        /// Byte offset into the text.
        public var offset: Int
        /// What was wrong there.
        public var reason: String

        public var description: String { "invalid JSON at byte \(offset): \(reason)" }
    }

    /// Parses a complete JSON text (any top-level value).
    public static func parse(_ data: Data) throws(Failure) -> JSONValue {
        let result: Result<JSONValue, Failure> = data.withUnsafeBytes { raw in
            var parser = Cursor(bytes: raw.bindMemory(to: UInt8.self))
            return Result { () throws(Failure) in try parser.document() }
        }
        return try result.get()
    }

    /// The parsing state over one buffer.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func document() throws(Failure) -> JSONValue {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
            skipWhitespace()
            let value = try self.value()
            skipWhitespace()
            guard index == bytes.count else { throw fail("unexpected text after the value") }
            return value
        }

        private func fail(_ reason: String) -> Failure {
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
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
                let key = try string()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipWhitespace()
                let member = try value()
                // As `Decodable` did: the first of repeated keys wins.
                if members[key] == nil { members[key] = member }
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated object") }
                switch bytes[index] {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    depth -= 1
                    return .object(members)
                default: throw fail("expected ',' or '}'")
                }
            }
        }

        private mutating func array() throws(Failure) -> JSONValue {
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
                elements.append(try value())
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

        /// A string starting at the opening quote. Runs without escapes are copied as they are
        /// (after UTF-8 validation); escapes are decoded, `\u` surrogate pairs joined.
        private mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes (nearly every string of a Partner Center document).
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = try validated(start..<index)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw fail("control character in a string") }
                index += 1
            }
            var decoded = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: decoded, as: UTF8.self) else {
                        throw Failure(offset: start, reason: "a string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    try escape(into: &decoded)
                case 0..<0x20:
                    throw fail("control character in a string")
                default:
                    decoded.append(byte)
                    index += 1
                }
            }
            throw fail("unterminated string")
        }

        private func validated(_ range: Range<Int>) throws(Failure) -> String {
            guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
                throw Failure(offset: range.lowerBound, reason: "a string is not valid UTF-8")
            }
            return text
        }

        private mutating func escape(into decoded: inout [UInt8]) throws(Failure) {
            index += 1
            guard index < bytes.count else { throw fail("unterminated escape") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try hex4())
                if (0xD800...0xDBFF).contains(scalar) {
                    guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("a high surrogate without its low surrogate")
                    }
                    index += 2
                    let low = UInt32(try hex4())
                    guard (0xDC00...0xDFFF).contains(low) else { throw fail("a high surrogate without its low surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw fail("a low surrogate without its high surrogate")
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape") }
                decoded.append(contentsOf: UTF8.encode(unicode)!)
            default:
                throw fail("an unknown escape")
            }
        }

        private mutating func hex4() throws(Failure) -> UInt16 {
            guard bytes.count - index >= 4 else { throw fail("a short \\u escape") }
            var value: UInt16 = 0
            for _ in 0..<4 {
                guard let digit = HexDigit.value(of: bytes[index]) else { throw fail("a non-hex digit in a \\u escape") }
                value = value << 4 | UInt16(digit)
                index += 1
            }
            return value
        }

        /// A number in the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        private mutating func number() throws(Failure) -> JSONValue {
            let start = index
            var negative = false
            if bytes[index] == UInt8(ascii: "-") {
                negative = true
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("a number without digits") }
            var magnitude: UInt64 = 0
            var fitsInteger = true
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw fail("a number with a leading zero") }
            } else {
                while index < bytes.count, isDigit(bytes[index]) {
                    let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                    if overflow1 || overflow2 { fitsInteger = false }
                    magnitude = sum
                    index += 1
                }
            }
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("no digits after a decimal point") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw fail("no digits in an exponent") }
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
            if isInteger, fitsInteger {
                if negative, magnitude <= UInt64(Int64.max) + 1 {
                    return .integer(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
                }
                if !negative, magnitude <= UInt64(Int64.max) { return .integer(Int64(magnitude)) }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let double = Double(text), double.isFinite else {
                throw Failure(offset: start, reason: "a number out of range")
            }
            // As `Decodable` did: a fraction or exponent with an integral value (`1.0`, `1e2`) is an integer.
            if !isInteger, let integer = Int64(exactly: double) { return .integer(integer) }
            return .double(double)
        }

        private func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
    }
}
