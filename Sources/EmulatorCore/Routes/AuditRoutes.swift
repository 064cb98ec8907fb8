import Foundation
import PartnerCenterModels

/// `GET /v1/auditrecords?startDate=…[&endDate=…][&filter=…][&size=…]`, paged like customers.
enum AuditRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/v1/auditrecords", kind: .api) { await list($0) },
    ]

    private static func list(_ request: EmulatorRequest) async -> EmulatorReply {
        let state = request.state
        let cursor: PageCursor?
        let requested: Int?
        switch await CollectionRenderer.paging(request, kind: .auditRecords) {
        case .success(let paging): (cursor, requested) = paging
        case .failure(let error): return error.reply
        }
        let page: Page
        let size: Int
        if let cursor, let range = cursor.range {
            size = cursor.size
            page = await state.auditPage(offset: cursor.offset, size: size, range: range, filter: cursor.filter)
        } else {
            guard let startText = request.query["startDate"], let start = EmulatorTime.parse(startText) else {
                return .invalidInput("startDate is required (yyyy-mm-dd or an ISO 8601 timestamp).")
            }
            if let refusal = await startRefusal(start.date, state: state) { return refusal }
            var end = Date.distantFuture
            if let endText = request.query["endDate"] {
                guard let parsed = EmulatorTime.parse(endText) else {
                    return .invalidInput("endDate '\(endText)' is not a date.")
                }
                end = parsed.dateOnly ? parsed.date.addingTimeInterval(86_400) : parsed.date
            }
            guard start.date < end else { return .invalidInput("startDate must be before endDate.") }
            var filter: ListFilter?
            if let text = request.query["filter"] {
                guard let parsed = ListFilter(json: text) else { return .invalidInput("filter is not a valid filter object.") }
                filter = parsed
            }
            size = await state.pageSize(requested: requested)
            page = await state.auditPage(offset: 0, size: size, range: start.date..<end, filter: filter)
        }
        let prefix = CollectionRenderer.nextPrefix(request.configuration)
        return .json(CollectionRenderer.render(page, selfURI: "/v1/auditrecords?size=\(size)",
                                               nextURI: "\(prefix)/auditrecords?size=\(size)&seekOperation=Next"))
    }

    /// The answer to a `startDate` before the retention.
    static func startRefusal(_ start: Date, state: EmulatorState) async -> EmulatorReply? {
        await state.auditStartRefusal(start).map { .invalidInput($0) }
    }
}
