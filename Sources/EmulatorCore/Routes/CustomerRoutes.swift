import PartnerCenterModels

/// `GET /v1/customers` (paged list) and `GET /v1/customers/{id}`.
enum CustomerRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/v1/customers", kind: .api) { await list($0) },
        EmulatorRoute(.get, "/v1/customers/{id}", kind: .api) { await byID($0) },
    ]

    private static func list(_ request: EmulatorRequest) async -> EmulatorReply {
        let state = request.state
        let cursor: PageCursor?
        let requested: Int?
        switch await CollectionRenderer.paging(request, kind: .customers) {
        case .success(let paging): (cursor, requested) = paging
        case .failure(let error): return error.reply
        }
        var filter: ListFilter?
        if let text = request.query["filter"] {
            guard let parsed = ListFilter(json: text) else { return .invalidInput("filter is not a valid filter object.") }
            filter = parsed
        }
        let size: Int
        if let cursor {
            size = cursor.size
        } else {
            size = await state.pageSize(requested: requested)
        }
        let page = await state.customerPage(offset: cursor?.offset ?? 0, size: size, filter: cursor?.filter ?? filter)
        let prefix = CollectionRenderer.nextPrefix(request.configuration)
        return .json(CollectionRenderer.render(page, selfURI: "/v1/customers?size=\(size)",
                                               nextURI: "\(prefix)/customers?size=\(size)&seekOperation=Next"))
    }

    private static func byID(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        return await customer(id, state: request.state)
    }

    /// The answer to a GET of customer `id`.
    static func customer(_ id: CustomerID, state: EmulatorState) async -> EmulatorReply {
        if await state.isCustomerForbidden(id) { return .customerForbidden(id) }
        guard let customer = await state.customer(id) else { return .customerNotFound(id) }
        return .json(customer)
    }
}
