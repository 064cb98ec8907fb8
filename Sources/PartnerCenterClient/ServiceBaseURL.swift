import Foundation

/// A configured base URL split into its origin (`scheme://host[:port]`, lowercased) and path
/// prefix (without a trailing `/`), so that links can be checked to stay on the origin and the
/// bearer token never goes to another host.
public struct ServiceBaseURL: Sendable {
    /// `scheme://host[:port]`; empty when the URL is unusable.
    public let origin: String
    /// The path prefix without a trailing `/` (empty when there is none).
    public let path: String
    /// Why the base URL is unusable, if it is.
    public let problem: String?

    /// Parses `text` (surrounding spaces ignored); `label` names it in `problem`, e.g. `base URL`.
    public init(_ text: String, label: String) {
        let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces))
        guard let components, let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            origin = ""
            path = ""
            problem = "\(label) \(text.debugDescription) is not an http(s) URL"
            return
        }
        origin = "\(scheme)://\(host.lowercased())\(components.port.map { ":\($0)" } ?? "")"
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
        problem = nil
    }

    /// Throws `invalidInput` with `problem` when the base URL is unusable.
    public func check() throws(PartnerCenterError) {
        if let problem { throw PartnerCenterError(kind: .invalidInput, message: problem) }
    }

    /// Whether the absolute `link` has this origin (same scheme, host and port).
    public func isOnOrigin(_ link: URLComponents) -> Bool {
        guard let scheme = link.scheme?.lowercased(), let host = link.host?.lowercased() else { return false }
        return "\(scheme)://\(host)\(link.port.map { ":\($0)" } ?? "")" == origin
    }
}
