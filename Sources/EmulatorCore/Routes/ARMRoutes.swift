import PartnerCenterModels

/// The Azure Resource Manager billing Customers operations (api-version 2020-05-01), read-only.
/// Dispatched by `ARMResponder`, which adds ARM auth, throttling, faults and headers.
package enum ARMRoutes {
    static let accountPath = "/providers/Microsoft.Billing/billingAccounts/{billingAccountName}"

    package static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, accountPath + "/customers/{customerName}", kind: .api, name: "Customers_Get") {
            await get($0)
        },
        EmulatorRoute(.get, accountPath + "/customers", kind: .api, name: "Customers_ListByBillingAccount") {
            await list($0, byProfile: false)
        },
        EmulatorRoute(.get, accountPath + "/billingProfiles/{billingProfileName}/customers", kind: .api,
                      name: "Customers_ListByBillingProfile") {
            await list($0, byProfile: true)
        },
    ]

    /// Whether a path belongs to ARM (`/providers/…`), so `ARMResponder` answers it.
    package static func isARMPath(_ path: [Substring]) -> Bool {
        path.first?.lowercased() == "providers"
    }

    private static func get(_ request: EmulatorRequest) async -> EmulatorReply {
        let account = request.pathParameters["billingAccountName"] ?? ""
        let name = request.pathParameters["customerName"] ?? ""
        let query: ARMQuery
        switch ARMQuery.parse(request.query, list: false) {
        case .success(let parsed): query = parsed
        case .failure(let error): return error.reply
        }
        switch await request.state.armGet(account: account, name: name, expansions: query.expansions) {
        case .success(let customer): return .json(customer)
        case .failure(let failure): return notFound(failure, account: account, profile: nil, customer: name)
        }
    }

    private static func list(_ request: EmulatorRequest, byProfile: Bool) async -> EmulatorReply {
        let account = request.pathParameters["billingAccountName"] ?? ""
        let profile = byProfile ? request.pathParameters["billingProfileName"] ?? "" : nil
        let query: ARMQuery
        switch ARMQuery.parse(request.query, list: true) {
        case .success(let parsed): query = parsed
        case .failure(let error): return error.reply
        }
        let page: ARMPage
        switch await request.state.armPage(account: account, profile: profile, query: query) {
        case .success(let found): page = found
        case .failure(let failure): return notFound(failure, account: account, profile: profile, customer: nil)
        }
        var body: [String: JSONValue] = ["value": .array(page.items)]
        if let next = page.next {
            var path = "/providers/Microsoft.Billing/billingAccounts/\(ARMQuery.encodeSegment(account))"
            if let profile { path += "/billingProfiles/\(ARMQuery.encodeSegment(profile))" }
            // Relative here; ARMResponder makes it absolute against the request's host.
            body["nextLink"] = .string("\(path)/customers?\(query.nextQuery(next))")
        } else if request.configuration.armNullNextLinkOnLastPage {
            body["nextLink"] = .null
        }
        return .json(.object(body))
    }

    private static func notFound(_ failure: ARMLookupFailure, account: String, profile: String?,
                                 customer: String?) -> EmulatorReply {
        switch failure {
        case .accountNotFound: ARMErrors.accountNotFound(account)
        case .profileNotFound: ARMErrors.profileNotFound(profile ?? "")
        case .customerNotFound: ARMErrors.customerNotFound(customer ?? "")
        }
    }
}
