import AsyncHTTPClient
import Foundation
import PartnerCenterClient

/// The requests of `raw-loop`: plain `HTTPClient.execute` calls with a bearer token, bodies
/// collected (up to the configured size cap) and counted, never parsed — except the customer
/// list pages, whose ids and `links.next` are needed to go on.
struct RawTransportLoop: Sendable {
    /// What the profile GETs gave.
    struct Totals: Sendable {
        var fetched = 0
        var failed = 0
        var bytes = 0
    }

    let httpClient: HTTPClient
    /// `scheme://host[:port]` and any path prefix, without a trailing `/` or `/v1`.
    let root: String
    let token: String
    let timeout: Duration
    let maxResponseBytes: Int

    init(httpClient: HTTPClient, baseURL: String, token: String, timeout: Duration, maxResponseBytes: Int) {
        let base = ServiceBaseURL(baseURL, label: "base URL")
        var root = base.origin + base.path
        if root.lowercased().hasSuffix("/v1") { root.removeLast(3) }
        self.httpClient = httpClient
        self.root = root
        self.token = token
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }

    /// Every customer id, following `links.next` (its `uri` and `MS-ContinuationToken` header).
    func customerIDs(pageSize: Int) async throws -> [String] {
        var ids: [String] = []
        var url = root + "/v1/customers?size=\(pageSize)"
        var headers: [(String, String)] = []
        while true {
            let answer = try await get(url, headers: headers, keepBody: true)
            guard answer.status == 200, let body = answer.body,
                  let page = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw BenchError(.invalidRun, "raw-loop: customer page answered \(answer.status)")
            }
            ids += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            guard let next = (page["links"] as? [String: Any])?["next"] as? [String: Any],
                  let uri = next["uri"] as? String else { return ids }
            url = resolve(uri)
            headers = (next["headers"] as? [[String: Any]] ?? []).compactMap { header in
                guard let key = header["key"] as? String, let value = header["value"] as? String else { return nil }
                return (key, value)
            }
        }
    }

    /// GETs every customer's billing profile with at most `concurrency` requests in flight.
    func fetchProfiles(_ ids: [String], concurrency: Int) async -> Totals {
        var totals = Totals()
        let loop = self
        await BoundedConcurrency.forEach(ids, concurrency: concurrency, { id -> Int? in
            guard let answer = try? await loop.get(loop.root + "/v1/customers/\(id)/profiles/billing"),
                  answer.status == 200 else { return nil }
            return answer.size
        }, onEach: { bytes in
            if let bytes {
                totals.fetched += 1
                totals.bytes += bytes
            } else {
                totals.failed += 1
            }
        })
        return totals
    }

    /// GETs one customer's billing profile; the status it was answered with.
    func profileStatus(_ id: String) async throws -> Int {
        try await get(root + "/v1/customers/\(id)/profiles/billing").status
    }

    /// One GET: the status, the size of the whole body (collected), and the body itself when `keepBody`.
    private func get(_ url: String, headers: [(String, String)] = [],
                     keepBody: Bool = false) async throws -> (status: Int, size: Int, body: Data?) {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.nanosecondsClamped))
        let body = try await response.body.collect(upTo: maxResponseBytes)
        return (Int(response.status.code), body.readableBytes, keepBody ? Data(body.readableBytesView) : nil)
    }

    /// The absolute URL of a `links.next.uri` (relative, with or without `/v1`, or absolute).
    private func resolve(_ uri: String) -> String {
        if uri.contains("://") { return uri }
        var path = Substring(uri)
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.lowercased().hasPrefix("v1/") || path.lowercased().hasPrefix("v1?") { path = path.dropFirst(2) }
        while path.hasPrefix("/") { path = path.dropFirst() }
        return root + (path.hasPrefix("?") ? "/v1" : "/v1/") + path
    }
}
