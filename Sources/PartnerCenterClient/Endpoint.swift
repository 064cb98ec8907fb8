import Foundation
import PartnerCenterModels

/// Builds request URLs from the configured base URL and resolves `links.next.uri` values,
/// which may be relative with or without `/v1`, so that `/v1//v1/…` is never produced and a
/// link can never send the bearer token to another host.
struct Endpoint: Sendable {
    /// The parsed base URL.
    let base: ServiceBaseURL
    /// `scheme://host[:port]` plus any path prefix, without a trailing `/` or `/v1`.
    let root: String

    init(baseURL: String) {
        base = ServiceBaseURL(baseURL, label: "base URL")
        var path = base.path
        if path.lowercased().hasSuffix("/v1") { path.removeLast(3) }
        root = base.origin + path
    }

    /// The URL of an API path given relative to `/v1`, e.g. `customers/{id}`.
    func url(_ pathAfterVersion: String) throws(PartnerCenterError) -> String {
        try base.check()
        return root + "/v1/" + pathAfterVersion
    }

    /// The absolute URL a `links.next.uri` refers to.
    func resolve(linkURI uri: String) throws(PartnerCenterError) -> String {
        try base.check()
        let trimmed = uri.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("://") {
            guard let link = URLComponents(string: trimmed), base.isOnOrigin(link) else {
                throw PartnerCenterError(kind: .invalidResponse,
                                         message: "next link \(trimmed.debugDescription) points outside \(base.origin)")
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

    /// Percent-encodes a query value (everything but unreserved characters).
    static func queryEncode(_ text: String) -> String {
        TokenProvider.formEncode(text)
    }
}
