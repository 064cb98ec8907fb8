import Foundation
import PartnerCenterModels

/// Builds request URLs from the configured base URL and resolves `links.next.uri` values,
/// which may be relative with or without `/v1`, so that `/v1//v1/…` is never produced and a
/// link can never send the bearer token to another host.
struct Endpoint: Sendable {
    /// `scheme://host[:port]` plus any path prefix, without a trailing `/` or `/v1`.
    let root: String
    /// Why the base URL is unusable, if it is.
    let problem: String?
    private let origin: String

    init(baseURL: String) {
        let components = URLComponents(string: baseURL.trimmingCharacters(in: .whitespaces))
        guard let components, let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = components.host, !host.isEmpty else {
            root = ""
            origin = ""
            problem = "base URL \(baseURL.debugDescription) is not an http(s) URL"
            return
        }
        let port = components.port.map { ":\($0)" } ?? ""
        origin = "\(scheme)://\(host.lowercased())\(port)"
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.lowercased().hasSuffix("/v1") { path.removeLast(3) }
        root = origin + path
        problem = nil
    }

    /// The URL of an API path given relative to `/v1`, e.g. `customers/{id}`.
    func url(_ pathAfterVersion: String) throws(PartnerCenterError) -> String {
        try checked()
        return root + "/v1/" + pathAfterVersion
    }

    /// The absolute URL a `links.next.uri` refers to.
    func resolve(linkURI uri: String) throws(PartnerCenterError) -> String {
        try checked()
        let trimmed = uri.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("://") {
            guard let link = URLComponents(string: trimmed), let scheme = link.scheme?.lowercased(),
                  let host = link.host?.lowercased(),
                  "\(scheme)://\(host)\(link.port.map { ":\($0)" } ?? "")" == origin else {
                throw PartnerCenterError(kind: .invalidResponse,
                                         message: "next link \(trimmed.debugDescription) points outside \(origin)")
            }
            return trimmed
        }
        var path = Substring(trimmed)
        while path.hasPrefix("/") { path = path.dropFirst() }
        let lowered = path.lowercased()
        if lowered == "v1" || lowered.hasPrefix("v1/") || lowered.hasPrefix("v1?") {
            path = path.dropFirst(2)
            while path.hasPrefix("/") { path = path.dropFirst() }
        }
        return root + (path.isEmpty || path.hasPrefix("?") ? "/v1" : "/v1/") + path
    }

    private func checked() throws(PartnerCenterError) {
        if let problem { throw PartnerCenterError(kind: .invalidInput, message: problem) }
    }

    /// Percent-encodes a query value (everything but unreserved characters).
    static func queryEncode(_ text: String) -> String {
        TokenProvider.formEncode(text)
    }
}
