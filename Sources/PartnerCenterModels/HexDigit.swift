/// ASCII hexadecimal digits both ways, for this module's hand-written parsers and printers
/// (JSON `\u` escapes, customer ids).
enum HexDigit {
    /// The lower-case digits, indexed by their value.
    static let lowercase: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of a hexadecimal digit in either case; nil for any other byte.
    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
