import Foundation

/// SQL that docs/schema.md gives users, read from the repository's copy, so tests run exactly
/// what the documentation says.
public enum DocumentedSQL {
    /// The documentation could not be read as expected.
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// docs/schema.md, as the repository holds it.
    public static func schemaText() throws -> String {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/schema.md")
        return try String(contentsOf: docs, encoding: .utf8)
    }

    /// The `UPDATE` statements of the *Edits needing review* SQL block, in order (accept
    /// suggestion 1, push as is, cancel), each for edit 42 as documented.
    public static func reviewUpdates() throws -> [String] {
        let text = try schemaText()
        guard let section = text.range(of: "## Edits needing review"),
              let start = text.range(of: "```sql\n", range: section.upperBound..<text.endIndex),
              let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else {
            throw Missing(description: "docs/schema.md has no SQL block under \"Edits needing review\"")
        }
        return text[start.upperBound..<end.lowerBound].components(separatedBy: ";\n")
            .map { $0.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n") }
            .filter { $0.hasPrefix("UPDATE") }
    }
}
