import Foundation
import PartnerCenterModels

/// The query of an ARM Customers request: `api-version`, `$expand`, and for the lists `$filter`,
/// `$search` and `$skipToken`.
struct ARMQuery: Sendable {
    let apiVersion: String
    let expansions: Set<ARMExpansion>
    /// `$expand`, `$filter` and `$search` exactly as received (decoded), for the `nextLink`.
    let kept: [(String, String)]
    /// `displayName eq '…'` of `$filter`.
    let displayNameEquals: String?
    /// `$search` text (case-insensitive "contains" on `displayName`).
    let search: String?
    /// Where the page starts.
    let position: ARMSkipToken

    /// Parses and validates the query; a failure carries the ARM 400 reply.
    static func parse(_ query: [String: String], list: Bool) -> Result<ARMQuery, ReplyError> {
        guard let version = query["api-version"], !version.isEmpty else {
            return .failure(ReplyError(ARMErrors.missingAPIVersion()))
        }
        guard ARMErrors.supportedAPIVersions.contains(version) else {
            return .failure(ReplyError(ARMErrors.invalidAPIVersion(version)))
        }
        var kept: [(String, String)] = []
        var expansions: Set<ARMExpansion> = []
        if let expand = query["$expand"] {
            for item in expand.split(separator: ",") {
                let text = item.trimmingCharacters(in: .whitespaces)
                guard let expansion = ARMExpansion.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                    return .failure(ReplyError(ARMErrors.invalidQuery("$expand",
                        "The $expand value '\(text)' is not supported; use enabledAzurePlans and/or resellers.")))
                }
                expansions.insert(expansion)
            }
            kept.append(("$expand", expand))
        }
        guard list else {
            return .success(ARMQuery(apiVersion: version, expansions: expansions, kept: kept,
                                     displayNameEquals: nil, search: nil, position: .first))
        }
        var displayName: String?
        if let filter = query["$filter"] {
            guard let value = displayNameEquality(filter) else {
                return .failure(ReplyError(ARMErrors.invalidQuery("$filter",
                    "The $filter '\(filter)' is not supported; only displayName eq '<name>' is.")))
            }
            displayName = value
            kept.append(("$filter", filter))
        }
        let search = query["$search"].flatMap { $0.isEmpty ? nil : $0 }
        if let search { kept.append(("$search", search)) }
        var position = ARMSkipToken.first
        if let text = query["$skipToken"] ?? query["$skiptoken"] {
            guard let token = ARMSkipToken(text) else {
                return .failure(ReplyError(ARMErrors.invalidQuery("$skipToken", "The $skipToken is invalid.")))
            }
            position = token
        }
        return .success(ARMQuery(apiVersion: version, expansions: expansions, kept: kept,
                                 displayNameEquals: displayName, search: search, position: position))
    }

    /// Whether a customer passes `$filter` and `$search`.
    func matches(_ record: ARMCustomerRecord) -> Bool {
        if let displayNameEquals, record.displayName != displayNameEquals { return false }
        if let search, !record.displayName.lowercased().contains(search.lowercased()) { return false }
        return true
    }

    /// The query string of the next page: every kept parameter plus `$skipToken`.
    func nextQuery(_ token: ARMSkipToken) -> String {
        let parameters = [("api-version", apiVersion)] + kept + [("$skipToken", token.text)]
        return parameters.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The value of `displayName eq 'X'` (OData: `''` is a quote inside the literal); nil otherwise.
    static func displayNameEquality(_ filter: String) -> String? {
        let text = filter.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0].lowercased() == "displayname", parts[1].lowercased() == "eq" else { return nil }
        let literal = parts[2]
        guard literal.count >= 2, literal.hasPrefix("'"), literal.hasSuffix("'") else { return nil }
        let inner = literal.dropFirst().dropLast()
        guard !inner.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
        return inner.replacingOccurrences(of: "''", with: "'")
    }

    /// Percent-encodes a query value (keeping unreserved characters and commas).
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: valueCharacters) ?? value
    }

    /// Percent-encodes one path segment (`{billingAccountName}` → `%7BbillingAccountName%7D`).
    static func encodeSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? segment
    }

    private static let valueCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~,"))
        .intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    private static let segmentCharacters = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
}

/// The opaque `$skipToken` of an ARM list: where the next page starts and which page it is.
struct ARMSkipToken: Sendable, Hashable {
    let offset: Int
    /// 1-based page number (drives `armEmptyPageEvery`).
    let page: Int

    static let first = ARMSkipToken(offset: 0, page: 1)

    init(offset: Int, page: Int) {
        self.offset = offset
        self.page = page
    }

    /// Parses a token this emulator issued; nil for anything else.
    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: ";")
        guard fields.count == 3, fields[0] == "armskip1",
              let offset = Int(fields[1]), let page = Int(fields[2]), offset >= 0, page >= 1 else { return nil }
        self.init(offset: offset, page: page)
    }

    /// The token text (base64url, no padding).
    var text: String {
        Data("armskip1;\(offset);\(page)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
