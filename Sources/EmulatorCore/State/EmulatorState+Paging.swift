import Foundation
import PartnerCenterModels

/// Where a paged listing continues; kept server-side behind an opaque `MS-ContinuationToken`.
struct PageCursor: Sendable {
    enum Kind: Sendable { case customers, auditRecords }
    let kind: Kind
    let offset: Int
    let size: Int
    let filter: ListFilter?
    /// Audit range (start inclusive, end exclusive).
    let range: Range<Date>?
    let expires: ContinuousClock.Instant
}

/// One page of a listing.
struct Page: Sendable {
    let items: [JSONValue]
    /// The continuation token for the next page; nil on the last page.
    let continuationToken: String?
}

extension EmulatorState {
    /// How long a continuation token stays valid.
    static let cursorLifetime: Duration = .seconds(1800)

    /// The page size for a requested `size` (absent or 0 → default; capped at the maximum).
    func pageSize(requested: Int?) -> Int {
        guard let requested, requested > 0 else { return configuration.defaultPageSize }
        return min(requested, configuration.maxPageSize)
    }

    /// The cursor behind a continuation token, if it exists, is of this kind and has not expired.
    func resolveCursor(_ token: String, kind: PageCursor.Kind) -> PageCursor? {
        guard let cursor = cursors[token], cursor.kind == kind, cursor.expires > .now else { return nil }
        return cursor
    }

    /// A page of customers (list items: company profile, no billing profile).
    func customerPage(offset: Int, size: Int, filter: ListFilter?) -> Page {
        let matching = order.compactMap { customers[$0] }.filter { record in
            guard let filter else { return true }
            switch filter.field.lowercased() {
            case "companyname": return filter.matches(record.companyProfile[member: "companyName"]?.stringValue)
            case "domain": return filter.matches(record.domain)
            default: return false
            }
        }
        let items = matching.dropFirst(offset).prefix(size).map { $0.renderedCustomer(detailed: false) }
        let next = offset + size < matching.count
            ? makeCursor(PageCursor(kind: .customers, offset: offset + size, size: size, filter: filter,
                                    range: nil, expires: .now + Self.cursorLifetime))
            : nil
        return Page(items: Array(items), continuationToken: next)
    }

    /// A page of audit records in `range`.
    func auditPage(offset: Int, size: Int, range: Range<Date>, filter: ListFilter?) -> Page {
        let matching = auditRecords(from: range.lowerBound, to: range.upperBound, filter: filter)
        let next = offset + size < matching.count
            ? makeCursor(PageCursor(kind: .auditRecords, offset: offset + size, size: size, filter: filter,
                                    range: range, expires: .now + Self.cursorLifetime))
            : nil
        return Page(items: Array(matching.dropFirst(offset).prefix(size)), continuationToken: next)
    }

    private func makeCursor(_ cursor: PageCursor) -> String {
        let token = "\(CustomerGenerator.guid(using: &rng)),\(CustomerGenerator.etag(using: &rng))_\(cursor.offset)"
        cursors[token] = cursor
        return token
    }
}
