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
        Iterator(client: client, route: AzureBillingClient.route(scope),
                 first: Result { () throws(PartnerCenterError) in try client.listURL(scope, query: query) })
    }

    /// Fetches pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        let client: AzureBillingClient
        let route: String
        var first: Result<String, PartnerCenterError>?
        var nextURL: String?
        var seen: Set<String> = []
        let correlationID = UUID()

        init(client: AzureBillingClient, route: String, first: Result<String, PartnerCenterError>) {
            self.client = client
            self.route = route
            self.first = first
        }

        /// The next page, or nil after the last. Items without a `name` are skipped and logged.
        public mutating func next() async throws(PartnerCenterError) -> [AzureCustomer]? {
            if let first {
                self.first = nil
                nextURL = try first.get()
            }
            guard let url = nextURL else { return nil }
            nextURL = nil
            let response = try await client.send(ARMRequest(url: url, route: route), correlationID: correlationID)
            guard let items = response.json[member: "value"]?.arrayValue else {
                throw PartnerCenterError(kind: .invalidResponse, status: response.status,
                                         message: "\(route): the page has no \"value\" array",
                                         correlationID: correlationID.uuidString.lowercased())
            }
            if let link = response.json.text("nextLink"), !link.isEmpty {
                let resolved = try client.endpoint.resolve(nextLink: link)
                guard seen.insert(resolved).inserted else {
                    throw PartnerCenterError(kind: .invalidResponse, status: response.status,
                                             message: "\(route): nextLink repeats an earlier page",
                                             correlationID: correlationID.uuidString.lowercased())
                }
                nextURL = resolved
            }
            let logger = client.logger
            return items.compactMap { item in
                do {
                    return try AzureCustomer(json: item)
                } catch {
                    logger.error("ARM customer list item skipped", metadata: ["reason": "\(error)"])
                    return nil
                }
            }
        }
    }
}
