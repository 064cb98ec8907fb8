import Foundation
import Logging
import PartnerCenterClient
import PartnerCenterModels

/// The customers of a billing account or profile, one page per element (a page may be empty
/// and still have a `nextLink`). One correlation id covers the walk; a `nextLink` to another
/// host or one seen before ends it with `invalidResponse`. Iteration throws only `PartnerCenterError`.
public struct AzureCustomerPages: AsyncSequence, Sendable {
    /// One page of customers.
    public typealias Element = [AzureCustomer]
    /// The only error thrown.
    public typealias Failure = PartnerCenterError

    let client: AzureBillingClient
    let scope: AzureCustomerScope
    let query: AzureCustomerQuery

    /// Starts a new walk from the first page.
    public func makeAsyncIterator() -> Iterator {
        let client = client, scope = scope, query = query
        return Iterator(client: client, walk: PageWalk(transport: client.transport, route: AzureBillingClient.route(scope),
                                                       elementRangesMember: "value") {
            () throws(PartnerCenterError) in try client.listURL(scope, query: query)
        })
    }

    /// Fetches pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        let client: AzureBillingClient
        var walk: PageWalk

        /// The next page, or nil after the last. Each customer carries its element of `value`
        /// exactly as received (`AzureCustomer.receivedText`). Items without a `name` are skipped and logged.
        public mutating func next() async throws(PartnerCenterError) -> [AzureCustomer]? {
            guard let response = try await walk.fetch() else { return nil }
            guard let items = response.json[member: "value"]?.arrayValue else {
                throw walk.invalidPage("the page has no \"value\" array", status: response.status)
            }
            if let link = response.json.text("nextLink"), !link.isEmpty {
                let resolved = try client.endpoint.resolve(nextLink: link)
                try walk.follow(url: resolved, key: resolved, linkName: "nextLink", status: response.status)
            }
            let logger = client.logger
            let texts = response.elementTexts(count: items.count)
            return items.indices.compactMap { index in
                do {
                    return try AzureCustomer(json: items[index], receivedText: texts?[index])
                } catch {
                    logger.error("ARM customer list item skipped", metadata: ["reason": "\(error)"])
                    return nil
                }
            }
        }
    }
}
