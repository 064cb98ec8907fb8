import Foundation
import PartnerCenterClient

/// Builds ARM request URLs (validated, percent-encoded path segments, `api-version` always set)
/// and checks `nextLink` values, which must stay on the configured ARM host so the bearer
/// token never goes anywhere else.
struct ARMEndpoint: Sendable {
    /// The longest billing account, profile or customer name accepted.
    static let maxNameLength = 256
    /// The parsed ARM base URL.
    let base: ServiceBaseURL
    let apiVersion: String

    init(baseURL: String, apiVersion: String) {
        base = ServiceBaseURL(baseURL, label: "ARM base URL")
        self.apiVersion = apiVersion
    }

    /// `scheme://host[:port]` plus any path prefix, without a trailing `/`.
    var root: String { base.origin + base.path }

    /// The URL of `path` (segments, each validated as a name where `isName`), with
    /// `api-version` first and then `query` (values percent-encoded; empty values left out).
    func url(_ segments: [(text: String, isName: Bool)], query: [(String, String?)]) throws(PartnerCenterError) -> String {
        try base.check()
        var path = ""
        for segment in segments {
            if segment.isName { try Self.validate(name: segment.text) }
            path += "/" + (segment.isName ? Self.encodePathSegment(segment.text) : segment.text)
        }
        var items = ["api-version=\(Self.encodeQueryValue(apiVersion))"]
        for (name, value) in query {
            guard let value, !value.isEmpty else { continue }
            items.append("\(name)=\(Self.encodeQueryValue(value))")
        }
        return root + path + "?" + items.joined(separator: "&")
    }

    /// The absolute `nextLink` to follow: it must be on the ARM origin; `api-version` is added
    /// when the link lacks it.
    func resolve(nextLink: String) throws(PartnerCenterError) -> String {
        let trimmed = nextLink.trimmingCharacters(in: .whitespaces)
        guard let link = URLComponents(string: trimmed), base.isOnOrigin(link) else {
            throw PartnerCenterError(kind: .invalidResponse,
                                     message: "nextLink \(trimmed.debugDescription) is not on \(base.origin); not followed")
        }
        let hasVersion = (link.queryItems ?? []).contains { $0.name.lowercased() == "api-version" }
        if hasVersion { return trimmed }
        let separator = link.percentEncodedQuery == nil ? "?" : "&"
        return trimmed + separator + "api-version=\(Self.encodeQueryValue(apiVersion))"
    }

    /// Refuses names that are empty, too long, contain `/`, `\`, `..` or control characters.
    static func validate(name: String) throws(PartnerCenterError) {
        let reason: String? = if name.isEmpty {
            "is empty"
        } else if name.count > maxNameLength {
            "is longer than \(maxNameLength) characters"
        } else if name.contains("/") || name.contains("\\") {
            "contains a slash"
        } else if name.contains("..") {
            "contains \"..\""
        } else if name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            "contains a control character"
        } else {
            nil
        }
        if let reason {
            throw PartnerCenterError(kind: .invalidInput, message: "ARM name \(name.debugDescription) \(reason)")
        }
    }

    /// Percent-encodes all but unreserved characters, `:` and `@` (legal in a path segment).
    static func encodePathSegment(_ text: String) -> String {
        var allowed = unreserved
        allowed.insert(charactersIn: ":@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? TokenProvider.formEncode(text)
    }

    /// Percent-encodes all but unreserved characters and `,` (the `$expand` list separator).
    static func encodeQueryValue(_ text: String) -> String {
        var allowed = unreserved
        allowed.insert(charactersIn: ",")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? TokenProvider.formEncode(text)
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()
}
