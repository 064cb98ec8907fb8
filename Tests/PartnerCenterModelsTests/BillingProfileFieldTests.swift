import PartnerCenterModels
import Testing

@Suite("billing profile field rules")
struct BillingProfileFieldTests {
    let line = BillingProfileField.named("defaultAddress.addressLine1")!

    /// Unicode's control characters (general category Cc) are exactly U+0000–U+001F and
    /// U+007F–U+009F: each is refused, wherever it stands in the value.
    @Test func everyControlCharacterIsRefused() {
        let controls = Array(0x00...0x1F) + Array(0x7F...0x9F)
        for value in controls {
            let scalar = Unicode.Scalar(UInt32(value))!
            #expect(line.violation(for: .string("1 Main\(Character(scalar))St")) == "defaultAddress.addressLine1 contains control characters",
                    "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    /// Their neighbours and other invisible or separating characters are not control characters.
    @Test func printableNeighboursAreAccepted() {
        for text in ["1 Main St", "~", "\u{A0}no-break space", "\u{2028}line separator", "\u{200B}zero width", "Straße", "東京都", "👍"] {
            #expect(line.violation(for: .string(text)) == nil, "\(text.debugDescription)")
        }
    }
}
