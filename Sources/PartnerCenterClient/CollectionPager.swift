import Foundation
import Logging
import PartnerCenterModels

/// Walks a paged collection: the first URL, then `links.next` (its `uri` resolved against the
/// base URL and every one of its headers sent) until no `next` link is returned. One
/// `MS-CorrelationId` covers the whole walk; a link seen twice ends it with `invalidResponse`.
struct CollectionPager: Sendable {
    let client: PartnerCenterClient
    let route: String
    private var nextURL: String?
    private var nextHeaders: [(name: String, value: String)] = []
    private var firstURLError: PartnerCenterError?
    private var seenLinks: Set<String> = []
    private let correlationID = UUID()

    init(client: PartnerCenterClient, route: String, firstURL: () throws(PartnerCenterError) -> String) {
        self.client = client
        self.route = route
        do {
            nextURL = try firstURL()
        } catch {
            firstURLError = error
        }
    }

    /// The next page, or nil after the last one.
    mutating func nextPage() async throws(PartnerCenterError) -> ResourceCollection<JSONValue>? {
        if let firstURLError {
            self.firstURLError = nil
            nextURL = nil
            throw firstURLError
        }
        guard let url = nextURL else { return nil }
        nextURL = nil
        let request = APIRequest(method: .GET, url: url, route: route, headers: nextHeaders)
        let response = try await client.send(request, correlationID: correlationID)
        let page: ResourceCollection<JSONValue>
        do {
            page = try ResourceCollection(json: response.json) { $0 }
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status,
                                     message: "\(route): \(error)", correlationID: correlationID.uuidString.lowercased())
        }
        if let next = page.next {
            let key = next.uri + "|" + next.headers.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            guard seenLinks.insert(key).inserted else {
                throw PartnerCenterError(kind: .invalidResponse, status: response.status,
                                         message: "\(route): links.next repeats an earlier page",
                                         correlationID: correlationID.uuidString.lowercased())
            }
            nextURL = try client.endpoint.resolve(linkURI: next.uri)
            nextHeaders = next.headers.map { ($0.key, $0.value) }
        }
        return page
    }
}
