/// Finds the one kind of malformed TOML that makes TOMLKit's bundled parser (toml++ 3) abort the
/// process instead of reporting an error: a table header whose first character after `[` or `[[`
/// (and spaces) is neither a key character nor a quote, e.g. `[,ync]` or `[[=x]]`. toml++'s
/// `parse_table_header` calls `parse_key` without checking that character, and `parse_key`
/// asserts it (`is_bare_key_character(*cp) || is_string_delimiter(*cp)`), in release builds too,
/// because TOMLKit does not define `NDEBUG`. Every other `parse_key` call site checks first.
///
/// The scan follows toml++'s statement structure: it skips whitespace, comments and line breaks,
/// looks at each table header, and steps over key/value statements, including multi-line arrays
/// and strings, so that a `[` inside a value is never taken for a header. It is deliberately
/// stricter than toml++ (only ASCII bare-key characters count), so it can refuse an odd file
/// toml++ would refuse anyway, but never let an aborting one through.
struct TableHeaderPrecheck {
    /// A header toml++ would abort on: where it is and what it starts with.
    struct Finding: Equatable {
        /// 1-based line of the header.
        let line: Int
        /// 1-based column of the offending character.
        let column: Int
        /// The offending character, printable.
        let found: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The first header that would abort the parser, or nil when the text is safe to parse.
    static func firstAbortingHeader(in text: String) -> Finding? {
        var scanner = TableHeaderPrecheck(text)
        return scanner.scan()
    }

    private mutating func scan() -> Finding? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: "\n"): newline()
            case UInt8(ascii: "#"): skipComment()
            case UInt8(ascii: "["):
                if let finding = checkHeader() { return finding }
                skipComment()  // a header ends its line (toml++ refuses anything but a comment after it)
            default:
                skipStatement()
            }
        }
        return nil
    }

    /// At `[`: the character toml++ hands to `parse_key` must be a key start, `]` (reported
    /// as an error by toml++) or the end of the text.
    private mutating func checkHeader() -> Finding? {
        var position = index + 1
        var skippedSpace = false
        while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
            position += 1
            skippedSpace = true
        }
        if !skippedSpace, position < bytes.count, bytes[position] == UInt8(ascii: "[") {
            position += 1
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") {
                position += 1
            }
        }
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        if Self.isKeyStart(byte) || byte == UInt8(ascii: "]") { return nil }
        let found = byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte 0x" + String(byte, radix: 16)
        return Finding(line: line, column: position - lineStart + 1, found: found)
    }

    /// A bare-key character (`A-Z a-z 0-9 _ -`) or a quote.
    static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
             UInt8(ascii: "\""), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }

    /// Steps over one `key = value` statement: to the line break that ends it outside any
    /// string, array or inline table.
    private mutating func skipStatement() {
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                newline()
                if depth <= 0 { return }
            case UInt8(ascii: "#"): skipComment()
            case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString(quote: byte)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                index += 1
            default: index += 1
            }
        }
    }

    /// At a quote: steps over a basic (`"`, with escapes) or literal (`'`) string, single- or
    /// multi-line. A single-line string ends at the line break at the latest.
    private mutating func skipString(quote: UInt8) {
        let multiLine = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
        index += multiLine ? 3 : 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                index += 2
                if index - 1 < bytes.count, bytes[index - 1] == UInt8(ascii: "\n") { countLine(at: index - 1) }
                continue
            }
            if byte == UInt8(ascii: "\n") {
                guard multiLine else { return }
                newline()
                continue
            }
            if byte == quote {
                if !multiLine { index += 1; return }
                var run = 0
                while index < bytes.count, bytes[index] == quote, run < 5 { index += 1; run += 1 }
                if run >= 3 { return }
                continue
            }
            index += 1
        }
    }

    private mutating func skipComment() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    }

    private mutating func newline() {
        countLine(at: index)
        index += 1
    }

    private mutating func countLine(at position: Int) {
        line += 1
        lineStart = position + 1
    }
}
