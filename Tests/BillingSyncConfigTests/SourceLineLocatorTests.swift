import Testing
@testable import BillingSyncConfig

@Suite("Line-number heuristic and suggestions")
struct SourceLineLocatorTests {
    @Test("finds keys in sections, quoted keys, dotted root keys and headers")
    func locatesKeys() {
        let locator = SourceLineLocator(source: """
            # comment with page_size = 1
            sync.batch_size = 10
            [ sync ]
              "page_size" = 5   # trailing comment
            [sync.nested]
            [[other]]
            """)
        #expect(locator.line(for: ["sync", "batch_size"]) == 2)
        #expect(locator.line(for: ["sync", "page_size"]) == 4)
        #expect(locator.line(for: ["sync"]) == 3)
        #expect(locator.line(for: ["sync", "nested"]) == 5)
        #expect(locator.line(for: ["other"]) == 6)
        #expect(locator.line(for: ["sync", "missing"]) == nil)
    }

    @Test("suggestions only for plausible typos")
    func suggestions() {
        let keys = ["page_size", "max_concurrency", "batch_size"]
        #expect(KeySuggestion.nearest(to: "page_sise", among: keys) == "page_size")
        #expect(KeySuggestion.nearest(to: "Batch_Size", among: keys) == "batch_size")
        #expect(KeySuggestion.nearest(to: "colour", among: keys) == nil)
        #expect(KeySuggestion.distance("kitten", "sitting") == 3)
    }

    @Test("listen addresses and loopback detection")
    func listenAddresses() {
        #expect(ListenAddress(parsing: "127.0.0.1:9464")?.isLoopback == true)
        #expect(ListenAddress(parsing: "[::1]:0")?.isLoopback == true)
        #expect(ListenAddress(parsing: "localhost:80")?.isLoopback == true)
        #expect(ListenAddress(parsing: "10.1.2.3:80")?.isLoopback == false)
        #expect(ListenAddress(parsing: "127.0.0.1") == nil)
        #expect(ListenAddress(parsing: "127.0.0.1:70000") == nil)
        #expect(ListenAddress(parsing: "::1:80") == nil)
    }
}
