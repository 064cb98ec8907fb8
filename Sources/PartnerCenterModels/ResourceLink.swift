/// One request header carried by a link (`links.next.headers[]`), e.g. `MS-ContinuationToken`.
public struct LinkHeader: Sendable, Hashable {
    /// Header name.
    public var key: String
    /// Header value, sent as given.
    public var value: String

    /// Creates a header.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A Partner Center `Link`: `{uri, method, headers: [{key, value}]}`.
public struct ResourceLink: Sendable, Hashable {
    /// The target, usually relative (`/customers?...` or `/v1/customers?...`).
    public var uri: String
    /// The HTTP method, when given.
    public var method: String?
    /// Headers the follow-up request must send.
    public var headers: [LinkHeader]

    /// Creates a link.
    public init(uri: String, method: String? = nil, headers: [LinkHeader] = []) {
        self.uri = uri
        self.method = method
        self.headers = headers
    }

    /// Reads a link object (camelCase or PascalCase); nil when it has no `uri`.
    public init?(json: JSONValue) {
        guard let uri = json.text("uri"), !uri.isEmpty else { return nil }
        self.uri = uri
        method = json.text("method")
        headers = json.array("headers").compactMap { entry in
            guard let key = entry.text("key"), let value = entry.text("value") else { return nil }
            return LinkHeader(key: key, value: value)
        }
    }
}
