import Foundation
import PartnerCenterModels
import PartnerCenterEmulator

/// Random `outbox.patch` contents: random JSON, wrong types, huge strings, deep nesting, unknown
/// and server-managed fields, cleared required fields, invalid UTF-8 — and now and then a valid edit.
struct PatchFuzzer {
    var rng: SeededGenerator
    /// Fields an operator may edit, with values Partner Center accepts.
    static let validChanges = [
        #"{"defaultAddress":{"city":"Fuzz City"}}"#, #"{"firstName":"Ann"}"#, #"{"defaultAddress":{"addressLine2":null}}"#,
        #"{"companyName":"Fuzz Ltd"}"#, #"{"defaultAddress.postalCode":"98052"}"#,
    ]

    /// A patch as bytes (not always UTF-8).
    mutating func next() -> [UInt8] {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return Array(randomJSON(depth: 0).utf8)
        case 1: return Array(#"{"defaultAddress":{"city":\#(scalar())}}"#.utf8)
        case 2: return Array(#"{"firstName":"\#(String(repeating: "x", count: Int.random(in: 1_000...70_000, using: &rng)))"}"#.utf8)
        case 3:
            let depth = Int.random(in: 3...60, using: &rng)
            return Array((String(repeating: #"{"defaultAddress":"#, count: depth) + "1" + String(repeating: "}", count: depth)).utf8)
        case 4: return Array([#"{"id":"x"}"#, #"{"attributes":{"etag":"1"}}"#, #"{"links":null}"#, #"{"shoe":"x"}"#]
            .randomElement(using: &rng)!.utf8)
        case 5: return Array([#"{"defaultAddress":{"country":null}}"#, #"{"defaultAddress":{"addressLine1":""}}"#,
                              #"{"defaultAddress":{"state":"Washington"}}"#, #"{"email":"not an email"}"#]
            .randomElement(using: &rng)!.utf8)
        case 6:
            var bytes = Array(Self.validChanges.randomElement(using: &rng)!.utf8)
            bytes.insert(contentsOf: [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0x00]].randomElement(using: &rng)!,
                         at: Int.random(in: 0...bytes.count, using: &rng))
            return bytes
        case 7: return (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 8: return Array(["", "null", "[]", "{}", "\"text\"", "{", "{\"a\":}", "{\"defaultAddress\":[]}"].randomElement(using: &rng)!.utf8)
        default: return Array(Self.validChanges.randomElement(using: &rng)!.utf8)
        }
    }

    private mutating func scalar() -> String {
        ["1", "true", "null", "[]", "{}", "-1e999", "\"\"", "\"\\u0000\"", "\"\\ud800\"", "12345678901234567890123"]
            .randomElement(using: &rng)!
    }

    private mutating func randomJSON(depth: Int) -> String {
        let choice = depth > 4 ? 0 : Int.random(in: 0..<4, using: &rng)
        switch choice {
        case 1:
            let items = (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomJSON(depth: depth + 1) }
            return "[" + items.joined(separator: ",") + "]"
        case 2, 3:
            let keys = ["firstName", "defaultAddress", "city", "DEFAULTADDRESS", "x", "", "addressLine2", "defaultAddress.city"]
            let members = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                "\"\(keys.randomElement(using: &rng)!)\":\(randomJSON(depth: depth + 1))"
            }
            return "{" + members.joined(separator: ",") + "}"
        default: return scalar()
        }
    }
}
