import PartnerCenterModels
import PartnerCenterEmulator

/// Random mutations of a TOML configuration: deleted and duplicated lines, random bytes, type
/// swaps, huge numbers and invalid UTF-8 — the damage a hand-edited file can suffer.
struct ConfigMutator {
    var rng: SeededGenerator

    /// A mutated copy of `text` as bytes (possibly not UTF-8), after 1–3 mutations.
    mutating func mutate(_ text: String) -> [UInt8] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let index = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: index)
            case 2: lines[index] = insertRandomBytes(into: lines[index], printable: true)
            case 3: lines[index] = insertRandomBytes(into: lines[index], printable: false)
            case 4: lines[index] = swapValue(lines[index])
            case 5: lines[index] = Array(String(decoding: lines[index], as: UTF8.self)
                .replacingOccurrences(of: "= ", with: "= " + ["99999999999999999999999", "-1", "0", "9223372036854775807",
                                                             "1e308", "-0.5", "\"\"", "nan"].randomElement(using: &rng)!
                    + " #").utf8)
            default: lines[index] += [0xC3, 0x28, 0xFF, 0xFE]
            }
            if lines.isEmpty { lines = [[]] }
        }
        return Array(lines.joined(separator: [0x0A]))
    }

    private mutating func insertRandomBytes(into line: [UInt8], printable: Bool) -> [UInt8] {
        var line = line
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let byte = printable ? UInt8.random(in: 0x20...0x7E, using: &rng) : UInt8.random(in: 0...255, using: &rng)
            line.insert(byte, at: Int.random(in: 0...line.count, using: &rng))
        }
        return line
    }

    /// Replaces the value after `=` with one of another TOML type.
    private mutating func swapValue(_ line: [UInt8]) -> [UInt8] {
        let text = String(decoding: line, as: UTF8.self)
        guard let equals = text.firstIndex(of: "=") else { return line }
        let value = ["true", "\"text\"", "42", "[1, 2]", "{ a = 1 }", "1979-05-27T07:32:00Z", "3.14", "\"5 minutes\"", "'''x'''"]
            .randomElement(using: &rng)!
        return Array((text[..<equals] + "= " + value).utf8)
    }
}
