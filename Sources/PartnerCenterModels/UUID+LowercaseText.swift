import Foundation

extension UUID {
    /// The UUID as Partner Center writes ids: lower-case hexadecimal in 8-4-4-4-12 groups. Written
    /// directly (no upper-case `uuidString` lowered afterwards): every request carries two.
    public var lowercaseText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = HexDigit.lowercase[Int(byte >> 4)]
                    text[position + 1] = HexDigit.lowercase[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}
