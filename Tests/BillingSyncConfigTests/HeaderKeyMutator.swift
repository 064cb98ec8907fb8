/// Random edits of a TOML file concentrated where TOML parsers are fragile: table headers, keys,
/// quotes and dots (plus a few arbitrary characters), 1–3 per file.
struct HeaderKeyMutator {
    /// SplitMix64: small, seedable, the same sequence on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let focus = ["[", "]", ".", "\"", "'", ",", "=", "#", "{", "}", " ", "\t", "\\", "[[", "]]", "\"\"\"", "'''", "..", "\n"]
    static let insertedLines = ["[", "[[", "[.a]", "[a.]", "[a..b]", "[\"a\".b]", "['a'.\"b\"]", "[ a . b ]", "a.b = 1",
                                "\"a\" = 1", ".a = 1", "a. = 1", "[,x]", "[[ =y]]", "x = [", "x = \"\"\"", "[ 'q' ]"]
    static let headerOpenings = ["[", "[[", "[ ", "[\"", "['", "[.", "[,", "[=", "[#", "[{", "[ [", "[[[", "[\t"]

    var rng: Generator
    let lines: [String]

    init(base: String, seed: UInt64) {
        rng = Generator(state: seed)
        lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    mutating func mutate() -> String {
        var lines = self.lines
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let headers = lines.indices.filter { lines[$0].first == "[" }
            let keys = lines.indices.filter { lines[$0].contains("=") && lines[$0].first != "#" }
            let roll = Double.random(in: 0..<1, using: &rng)
            let pool = roll < 0.45 && !headers.isEmpty ? headers : roll < 0.85 && !keys.isEmpty ? keys : Array(lines.indices)
            let index = pool.randomElement(using: &rng)!
            var line = Array(lines[index])
            let keyEnd = roll >= 0.45 ? (line.firstIndex(of: "=") ?? line.count) : line.count
            let position = Int.random(in: 0...max(0, min(keyEnd, line.count)), using: &rng)
            let piece = Double.random(in: 0..<1, using: &rng) < 0.7
                ? Self.focus.randomElement(using: &rng)!
                : String(UnicodeScalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: if position < line.count { line.replaceSubrange(position...position, with: piece) } else { line += piece }
            case 1: line.insert(contentsOf: piece, at: position)
            case 2: if position < line.count { line.remove(at: position) }
            case 3: line.insert(contentsOf: piece + piece, at: position)
            case 4:
                if let open = line.firstIndex(of: "[") {
                    line.replaceSubrange(open...open, with: Self.headerOpenings.randomElement(using: &rng)!)
                }
            default:
                lines.insert(Self.insertedLines.randomElement(using: &rng)!, at: index)
                continue
            }
            lines[index] = String(line)
        }
        return lines.joined(separator: "\n")
    }
}
