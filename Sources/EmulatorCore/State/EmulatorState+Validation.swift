import PartnerCenterModels

/// How the address service answers one request, in the contract in force.
public enum AddressServiceAnswer: Sendable, Equatable {
    /// 200 with this body (nil: the older contract's empty body for a valid address).
    case ok(JSONValue?)
    /// 400 with the Partner Center error `code` and `description`.
    case badRequest(code: Int, description: String)
}

extension EmulatorState {
    /// `GET /v1/countryvalidationrules/{iso2}`: the rules, or nil for a country without any.
    public func countryValidationRules(_ iso2: String) -> JSONValue? {
        CountryRulesCatalog.rules(iso2)
    }

    /// `POST /v1/validations/address`: judges the address (see `AddressAssessment`) and answers
    /// in the contract in force. A body that is not an object or lacks a required property is
    /// a 400 (800002) naming it; under the older contract an address that is not verified is a
    /// 400 with code 2007.
    public func validateAddress(_ body: JSONValue?) -> AddressServiceAnswer {
        addressValidations += 1
        guard let body, body.objectValue != nil else {
            return .badRequest(code: 800002, description: "Invalid request input: the body must be an Address JSON object.")
        }
        if let missing = AddressAssessment.missingField(body) {
            return .badRequest(code: 800002, description: "Invalid request input: \(missing) is required.")
        }
        let assessment = AddressAssessment.assess(body)
        switch addressContract {
        case .current:
            return .ok(assessment.currentBody)
        case .legacy:
            return assessment.isVerified ? .ok(nil) : .badRequest(code: 2007, description: assessment.legacyDescription)
        }
    }

    /// How many addresses were validated (over HTTP and in process), answered or refused.
    public func addressValidationCount() -> Int { addressValidations }

    /// Switches the contract the address service answers in.
    public func setAddressValidationContract(_ contract: AddressValidationContract) {
        addressContract = contract
    }
}
