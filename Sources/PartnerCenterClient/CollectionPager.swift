import Foundation
import PartnerCenterModels

/// Walks a Partner Center collection: the first URL, then `links.next` (its `uri` resolved
/// against the base URL and every one of its headers sent) until no `next` link is returned.
/// One `MS-CorrelationId` covers the whole walk; a link seen twice ends it with `invalidResponse`.
struct CollectionPager: Sendable {
    let endpoint: Endpoint
    private var walk: PageWalk

    /// Starts a walk at `firstURL()`. With `keepsItemTexts`, each page's response notes where its
    /// `items` lie, for `nextPageWithTexts()`.
    init(client: PartnerCenterClient, route: String, keepsItemTexts: Bool = false,
         firstURL: () throws(PartnerCenterError) -> String) {
        endpoint = client.endpoint
        walk = PageWalk(transport: client.transport, route: route, elementRangesMember: keepsItemTexts ? "items" : nil,
                        firstURL: firstURL)
    }

    /// The next page, or nil after the last one.
    mutating func nextPage() async throws(PartnerCenterError) -> ResourceCollection<JSONValue>? {
        try await nextResponse()?.page
    }

    /// The next page with the text of each of its items exactly as received (nil when the items
    /// could not be told apart in the body, or the pager does not keep them), or nil after the last page.
    mutating func nextPageWithTexts() async throws(PartnerCenterError)
        -> (page: ResourceCollection<JSONValue>, itemTexts: [String]?)? {
        guard let (page, response) = try await nextResponse() else { return nil }
        return (page, response.elementTexts(count: page.items.count))
    }

    /// The next page read from its response, the following link queued.
    private mutating func nextResponse() async throws(PartnerCenterError)
        -> (page: ResourceCollection<JSONValue>, response: APIResponse)? {
        guard let response = try await walk.fetch() else { return nil }
        let page: ResourceCollection<JSONValue>
        do {
            page = try ResourceCollection(json: response.json) { $0 }
        } catch {
            throw walk.invalidPage("\(error)", status: response.status)
        }
        if let next = page.next {
            let key = next.uri + "|" + next.headers.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            try walk.follow(url: try endpoint.resolve(linkURI: next.uri), headers: next.headers.map { ($0.key, $0.value) },
                            key: key, linkName: "links.next", status: response.status)
        }
        return (page, response)
    }
}
