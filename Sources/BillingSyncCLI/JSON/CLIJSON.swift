import Foundation

/// A `--json` document: a Codable struct with a `version` field, printed with sorted keys and
/// ISO 8601 dates (docs/cli-json.md describes each shape).
protocol CLIJSON: Codable {
    /// The shape's version; bumped only on incompatible changes.
    var version: Int { get }
}

extension CLIJSON {
    /// Pretty-printed JSON with sorted keys.
    func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Prints ``jsonText()`` on standard output.
    func printJSON() throws {
        print(try jsonText())
    }
}
