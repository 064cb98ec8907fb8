import Foundation
import PartnerCenterModels

extension PartnerCenterClient {
    /// Activity-log records with `from <= operationDate < to` (`GET /v1/auditrecords`), paged.
    /// `filter` is the documented JSON filter text, e.g. `{"Field":"CustomerId","Value":"…","Operator":"equals"}`.
    public func auditRecords(from: Date, to: Date, filter: String?) -> AuditRecordPages {
        AuditRecordPages(client: self, from: from, to: to, filter: filter)
    }
}

/// Audit records, one page per element. Iteration throws only `PartnerCenterError`.
public struct AuditRecordPages: AsyncSequence, Sendable {
    /// One page of records.
    public typealias Element = [AuditRecord]
    /// The only error thrown.
    public typealias Failure = PartnerCenterError

    let client: PartnerCenterClient
    let from: Date
    let to: Date
    let filter: String?

    /// Starts a new walk from the first page.
    public func makeAsyncIterator() -> Iterator {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var query = "startDate=\(Endpoint.queryEncode(formatter.string(from: from)))"
            + "&endDate=\(Endpoint.queryEncode(formatter.string(from: to)))"
        if let filter { query += "&filter=\(Endpoint.queryEncode(filter))" }
        let client = client
        return Iterator(pager: CollectionPager(client: client, route: "GET /v1/auditrecords") { () throws(PartnerCenterError) in
            try client.endpoint.url("auditrecords?\(query)")
        })
    }

    /// Fetches pages on demand.
    public struct Iterator: AsyncIteratorProtocol {
        var pager: CollectionPager

        /// The next page (possibly empty), or nil after the last.
        public mutating func next() async throws(PartnerCenterError) -> [AuditRecord]? {
            guard let page = try await pager.nextPage() else { return nil }
            do {
                return try page.items.map { item throws(ModelDecodingError) in try AuditRecord(json: item) }
            } catch {
                throw PartnerCenterError(kind: .invalidResponse, message: error.description)
            }
        }
    }
}
