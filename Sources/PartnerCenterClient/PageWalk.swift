import Foundation
import PartnerCenterModels

/// The bookkeeping of walking a paged collection, shared by the Partner Center and ARM pagers:
/// the first URL (or why it could not be built, thrown once), the link to the next page, one
/// correlation id for the whole walk, and refusal of a link seen before (`invalidResponse`).
public struct PageWalk: Sendable {
    /// The route label of every page request.
    public let route: String
    /// The correlation id sent with every page.
    public let correlationID: UUID
    /// The member of each page whose array elements are wanted exactly as sent
    /// (`APIRequest.elementRangesMember`), if any.
    public let elementRangesMember: String?
    private let transport: RetryingTransport
    private var pending: Result<(url: String, headers: [(name: String, value: String)]), PartnerCenterError>?
    private var seenLinks: Set<String> = []

    /// Starts a walk at `firstURL()`; an error it throws is thrown by the first `fetch()`.
    public init(transport: RetryingTransport, route: String, elementRangesMember: String? = nil,
                firstURL: () throws(PartnerCenterError) -> String) {
        self.transport = transport
        self.route = route
        self.elementRangesMember = elementRangesMember
        correlationID = transport.clock.uuid()
        do {
            pending = .success((try firstURL(), []))
        } catch {
            pending = .failure(error)
        }
    }

    /// GETs the next page, or returns nil once no link is pending (after the last page or an error).
    public mutating func fetch() async throws(PartnerCenterError) -> APIResponse? {
        guard let next = pending else { return nil }
        pending = nil
        let link = try next.get()
        var request = APIRequest(method: .GET, url: link.url, route: route, headers: link.headers)
        request.elementRangesMember = elementRangesMember
        return try await transport.send(request, correlationID: correlationID)
    }

    /// Queues the page at `url` (with `headers`) as the next one. `key` identifies the link; a
    /// key seen before ends the walk with "`linkName` repeats an earlier page".
    public mutating func follow(url: String, headers: [(name: String, value: String)] = [], key: String,
                                linkName: String, status: Int) throws(PartnerCenterError) {
        guard seenLinks.insert(key).inserted else {
            throw invalidPage("\(linkName) repeats an earlier page", status: status)
        }
        pending = .success((url, headers))
    }

    /// An `invalidResponse` error about a page of this walk: `"<route>: <message>"` with its ids.
    public func invalidPage(_ message: String, status: Int) -> PartnerCenterError {
        PartnerCenterError(kind: .invalidResponse, status: status, message: "\(route): \(message)",
                           correlationID: correlationID.lowercaseText)
    }
}
