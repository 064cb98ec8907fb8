import PartnerCenterModels
import Testing
import BillingSyncStore

@Suite("SHA-256 and content hashes")
struct ContentHashTests {
    @Test("NIST FIPS 180-2 example vectors", arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, digest: String) {
        #expect(ContentHash.sha256Hex(Array(message.utf8)) == digest)
    }

    @Test("one million 'a' (long message, many blocks)")
    func millionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(ContentHash.sha256Hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a collection without contiguous storage hashes like its bytes")
    func nonContiguous() {
        let message = Array(String(repeating: "abcdefghijklmnopqrstuvwxyz0123456789", count: 4).utf8)
        #expect(ContentHash.sha256Hex(message.lazy.map { $0 }) == ContentHash.sha256Hex(message))
        #expect(ContentHash.sha256Hex(message[5...]) == ContentHash.sha256Hex(Array(message[5...])))
    }

    @Test("the hash ignores attributes, links and key order but sees every content change")
    func contentHash() throws {
        let a = try JSONValue(parsing: #"{"firstName":"A","defaultAddress":{"city":"X","country":"US"},"attributes":{"etag":"1"},"links":{"self":{"uri":"/a"}}}"#)
        let b = try JSONValue(parsing: #"{"Attributes":{"Etag":"2"},"defaultAddress":{"country":"US","city":"X"},"firstName":"A"}"#)
        let c = try JSONValue(parsing: #"{"firstName":"A","defaultAddress":{"city":"Y","country":"US"},"attributes":{"etag":"1"}}"#)
        #expect(ContentHash.of(resource: a) == ContentHash.of(resource: b))
        #expect(ContentHash.of(resource: a) != ContentHash.of(resource: c))
        let expected = ContentHash.sha256Hex(Array(#"{"defaultAddress":{"city":"X","country":"US"},"firstName":"A"}"#.utf8))
        #expect(ContentHash.of(resource: a) == expected)
    }
}
