/// A `host:port` socket address to bind (`127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP literal, without IPv6 brackets.
    public var host: String
    /// TCP port (0 = ephemeral).
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` or `[v6]:port`; nil when malformed or the port is outside 0…65535.
    public init?(parsing text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"),
                  text[text.index(after: close)...].hasPrefix(":") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty, portPart.allSatisfy(\.isASCII), let port = Int(portPart),
              (0...65_535).contains(port) else { return nil }
        self.init(host: String(hostPart), port: port)
    }

    /// True for `localhost`, `::1` and any `127.x.x.x` address.
    public var isLoopback: Bool { Self.isLoopbackHost(host) }

    /// `host:port`, with brackets around IPv6 literals.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// True for `localhost`, `::1`/`[::1]` and `127.0.0.0/8` literals.
    public static func isLoopbackHost(_ host: String) -> Bool {
        let bare = host.trimmingPrefix("[").split(separator: "]").first.map(String.init) ?? host
        if bare.lowercased() == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
