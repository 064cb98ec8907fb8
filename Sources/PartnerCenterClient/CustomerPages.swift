import Foundation
import Logging
import PartnerCenterModels

/// The customers of the partner, one page per element, following `links.next` to the end.
/// Iteration throws only `PartnerCenterError`.
public struct CustomerPages: AsyncSequence, Sendable {
    /// One page of customers.
    public typealias Element = [Customer]
    /// The only error thrown.
    public typealias Failure = PartnerCenterError

    let client: PartnerCenterClient
    let pageSize: Int

    /// Starts a new walk from the first page.
    public func makeAsyncIterator() -> Iterator {
        let size = Swift.max(pageSize, 0)
        let client = client
        return Iterator(pager: CollectionPager(client: client, route: "GET /v1/customers", keepsItemTexts: true) { () throws(PartnerCenterError) in
            try client.endpoint.url("customers?size=\(size)")
        }, logger: client.logger)
    }

    /// Fetches pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        var pager: CollectionPager
        let logger: Logger

        /// The next page (possibly empty), or nil after the last. Each customer carries its list
        /// item's text exactly as received (`Customer.receivedText`). List items whose id is not a
        /// GUID are left out and logged as errors.
        public mutating func next() async throws(PartnerCenterError) -> [Customer]? {
            guard let (page, texts) = try await pager.nextPageWithTexts() else { return nil }
            return page.items.indices.compactMap { index in
                do {
                    return try Customer(json: page.items[index], receivedText: texts?[index])
                } catch {
                    logger.error("customer list item skipped", metadata: ["reason": "\(error)"])
                    return nil
                }
            }
        }
    }
}
