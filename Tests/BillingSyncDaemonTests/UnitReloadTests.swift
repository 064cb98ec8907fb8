import Foundation
import Testing

/// `systemctl reload` must be able to fail: the units validate the configuration before signalling.
@Suite struct UnitReloadTests {
    static let units = ["billing-sync.service": "/etc/billing-sync/billing-sync.toml",
                        "billing-sync@.service": "/etc/billing-sync/%i.toml"]

    static func values(_ key: String, in text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    @Test(arguments: Array(units.keys))
    func reloadValidatesBeforeSignalling(_ file: String) throws {
        let text = try String(contentsOf: SystemdUnitTests.unitDirectory.appendingPathComponent(file), encoding: .utf8)
        let config = try #require(Self.units[file])
        let reload = Self.values("ExecReload", in: text)
        #expect(reload == ["/usr/bin/billing-sync check-config \(config)", "/bin/kill -HUP $MAINPID"])
        #expect(Self.values("ExecStart", in: text) == ["/usr/bin/billing-sync run --config \(config)"])
        #expect(Self.values("Type", in: text) == ["notify"], "no Type=notify-reload on systemd 252")
    }
}
