import PartnerCenterModels

/// `GET` and `PUT /v1/customers/{id}/profiles/billing`.
enum BillingProfileRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/v1/customers/{id}/profiles/billing", kind: .api) { await get($0) },
        EmulatorRoute(.put, "/v1/customers/{id}/profiles/billing", kind: .api) { await put($0) },
    ]

    private static func get(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        return await profile(id, state: request.state)
    }

    private static func put(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        guard let body = request.jsonBody, body.objectValue != nil else {
            if await request.state.isCustomerForbidden(id) { return .customerForbidden(id) }
            return .invalidInput("the body must be the full CustomerBillingProfile resource as a JSON object.")
        }
        let write = ProfileWriteRequest(customerID: id, body: body, ifMatch: request.header("If-Match"),
                                        requestID: request.header("MS-RequestId"),
                                        correlationID: request.header("MS-CorrelationId"))
        return await update(write, state: request.state, etagMismatch: request.configuration.etagMismatch)
    }

    /// The answer to a GET of `id`'s profile.
    static func profile(_ id: CustomerID, state: EmulatorState) async -> EmulatorReply {
        if await state.isCustomerForbidden(id) { return .customerForbidden(id) }
        guard let profile = await state.profile(id) else { return .customerNotFound(id) }
        return .json(profile)
    }

    /// The answer to a PUT: the state's result as Partner Center words it, a stale ETag as 412
    /// or as 400/2055 (`etagMismatch`).
    static func update(_ write: ProfileWriteRequest, state: EmulatorState, etagMismatch: ETagMismatchMode) async -> EmulatorReply {
        let id = write.customerID
        if await state.isCustomerForbidden(id) { return .customerForbidden(id) }
        switch await state.writeProfile(write) {
        case .updated(let profile):
            return .json(profile)
        case .notFound:
            return .customerNotFound(id)
        case .missingIfMatch:
            return .invalidInput("the If-Match header with the profile's ETag is required for concurrency detection.")
        case .etagMismatch:
            switch etagMismatch {
            case .preconditionFailed:
                return .error(.preconditionFailed, code: 412,
                              "Precondition failed: the If-Match ETag does not match the current ETag of the resource.")
            case .badRequest2055:
                return .error(.badRequest, code: 2055, "Etag is no longer valid")
            }
        case .invalid(let problems):
            // The documented texts ("Invalid property", 3000; 600051); what is wrong goes in `data`.
            let phoneOnly = problems.allSatisfy { $0.hasPrefix("defaultAddress.phoneNumber is required") }
            return phoneOnly
                ? .error(.badRequest, code: 600051, "Customer phone number is missing", data: problems)
                : .error(.badRequest, code: 3000, "Invalid property", data: problems)
        }
    }
}
