/// Finds the line on which a key appears in TOML source text — a heuristic, since TOMLKit does not
/// expose node positions.
///
/// The text is scanned line by line, remembering the most recent `[table]` / `[[array]]` header.
/// A line `key = …` (bare or quoted key, dotted keys allowed) inside that header is taken as the
/// definition of `header.key`; a header line itself defines `header`. Keys inside inline tables and
/// lines inside multi-line strings are not distinguished; the first match wins.
struct SourceLineLocator {
    private struct Definition {
        let line: Int
        let path: String
        let isHeader: Bool
    }

    private let definitions: [Definition]

    /// Indexes `source`.
    init(source: String) {
        var definitions: [Definition] = []
        var section = ""
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.stripping(" \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                section = Self.normalize(inner)
                definitions.append(Definition(line: index + 1, path: section, isHeader: true))
            } else if let equals = line.firstIndex(of: "=") {
                let key = Self.normalize(line[..<equals])
                definitions.append(Definition(line: index + 1, path: section.isEmpty ? key : section + "." + key, isHeader: false))
            }
        }
        self.definitions = definitions
    }

    /// Line (1-based) of the key `path` (e.g. `["sync", "page_size"]`), else of a header named `path`.
    func line(for path: [String]) -> Int? {
        let dotted = path.joined(separator: ".")
        return definitions.first(where: { !$0.isHeader && $0.path == dotted })?.line
            ?? definitions.first(where: { $0.isHeader && $0.path == dotted })?.line
    }

    /// `"a" . b` → `a.b`: strips spaces and quotes around the parts of a dotted key.
    private static func normalize(_ key: Substring) -> String {
        key.split(separator: ".")
            .map { $0.stripping(" \t\"'") }
            .joined(separator: ".")
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    func stripping(_ set: String) -> String {
        let scalars = Set(set)
        guard let start = firstIndex(where: { !scalars.contains($0) }),
              let end = lastIndex(where: { !scalars.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
