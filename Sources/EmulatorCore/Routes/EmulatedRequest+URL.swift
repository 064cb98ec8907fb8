import Foundation

extension EmulatedRequest {
    /// A request as a client sends it, to an absolute `url`: the path, query and `host[:port]`
    /// are read from the URL (percent-encoded, as they went on the wire). The simulation's wire and
    /// the engine tests' in-memory emulator hand their clients' requests to the routes this way.
    public init(method: String, url: String, headers: [(String, String)], body: Data) {
        let components = URLComponents(string: url)
        let authority = components?.host.map { host in components?.port.map { "\(host):\($0)" } ?? host }
        self.init(method: method, path: components?.percentEncodedPath ?? url, query: components?.percentEncodedQuery ?? "",
                  headers: headers, body: body, authority: authority)
    }
}
