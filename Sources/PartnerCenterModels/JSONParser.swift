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
        try parse(data, elementRangesOf: nil).value
    }

    /// Parses a complete JSON text and notes where each element of one array lies in it: the
    /// array that is the member `member` of the top-level object (the `items` of a collection
    /// page), so each element can be kept exactly as it was sent. The ranges are byte offsets into
    /// `data` (from its first byte), one per element in order; none when `member` is nil, the text
    /// is not an object, or that member is absent or not an array. Of repeated members the first
    /// counts, as in the parsed value.
    public static func parse(_ data: Data, elementRangesOf member: String?) throws(Failure)
        -> (value: JSONValue, elementRanges: [Range<Int>]) {
        let result: Result<(JSONValue, [Range<Int>]), Failure> = data.withUnsafeBytes { raw in
            var parser = Cursor(bytes: raw.bindMemory(to: UInt8.self), rangesMember: member)
            return Result { () throws(Failure) in (try parser.document(), parser.elementRanges) }
        }
        return try result.get()
    }
}
