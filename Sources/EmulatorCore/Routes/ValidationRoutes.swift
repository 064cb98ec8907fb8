import PartnerCenterModels

/// `GET /v1/countryvalidationrules/{iso2}` and `POST /v1/validations/address`; both are API
/// routes, so the token, the rate limit and every fault switch apply to them.
enum ValidationRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/v1/countryvalidationrules/{iso2}", kind: .api) { await rules($0) },
        EmulatorRoute(.post, "/v1/validations/address", kind: .api) { await validate($0) },
    ]

    private static func rules(_ request: EmulatorRequest) async -> EmulatorReply {
        let iso2 = request.pathParameters["iso2"] ?? ""
        guard let rules = await request.state.countryValidationRules(iso2) else {
            return .error(.notFound, code: 600013, "No validation rules were found for the country/region \(iso2)")
        }
        return .json(rules)
    }

    private static func validate(_ request: EmulatorRequest) async -> EmulatorReply {
        switch await request.state.validateAddress(request.jsonBody) {
        case .ok(let body?):
            return .json(body)
        case .ok(nil):
            return EmulatorReply(status: .ok, body: nil)
        case .badRequest(let code, let description):
            return .error(.badRequest, code: code, description)
        }
    }
}
