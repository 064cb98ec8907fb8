import Foundation
import PartnerCenterModels

/// Walks a Partner Center collection: the first URL, then `links.next` (its `uri` resolved
/// against the base URL and every one of its headers sent) until no `next` link is returned.
/// One `MS-CorrelationId` covers the whole walk; a link seen twice ends it with `invalidResponse`.
struct CollectionPager: Sendable {
    let endpoint: Endpoint
    private var walk: PageWalk

    init(client: PartnerCenterClient, route: String, firstURL: () throws(PartnerCenterError) -> String) {
        endpoint = client.endpoint
        walk = PageWalk(transport: client.transport, route: route, firstURL: firstURL)
    }

    /// The next page, or nil after the last one.
    mutating func nextPage() async throws(PartnerCenterError) -> ResourceCollection<JSONValue>? {
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
        return page
    }
}
