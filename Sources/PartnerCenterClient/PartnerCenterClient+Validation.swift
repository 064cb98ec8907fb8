import Foundation
import PartnerCenterModels

extension PartnerCenterClient {
    /// `GET /v1/countryvalidationrules/{iso2}`. A code that is not two ASCII letters is refused
    /// before any request (`.invalidInput`); a country without rules (e.g. `UK` for `GB`) is
    /// `.notFound` naming it. Runs on the shared transport (limiter, token, retries). The rules
    /// carry the body exactly as received (`receivedText`).
    public func countryValidationRules(iso2: String) async throws(PartnerCenterError) -> CountryValidationRules {
        let code = iso2.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw PartnerCenterError(kind: .invalidInput, message: "country \(iso2.debugDescription) is not an ISO 3166 alpha-2 code")
        }
        let request = APIRequest(method: .GET, url: try endpoint.url("countryvalidationrules/\(code)"),
                                 route: "GET /v1/countryvalidationrules/{iso2}")
        let response: APIResponse
        do {
            response = try await transport.send(request)
        } catch where error.kind == .notFound {
            var unknown = error
            unknown.message = "no validation rules for the country/region \(code) (is it an ISO 3166 code? e.g. GB, not UK): \(error.message)"
            throw unknown
        }
        do {
            return try CountryValidationRules(json: response.json, receivedText: response.text)
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status, message: error.description)
        }
    }

    /// `POST /v1/validations/address` with the address's documented properties (keys in any
    /// case in `address`, sent camelCase). Both contracts are read: the current one's status
    /// and suggestions, and the older one's empty 200 (valid) or 400 with code 2007 (not valid,
    /// with the reason and corrected address from its JSON-string description). Other failures
    /// throw as usual.
    public func validateAddress(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult {
        var members: [String: JSONValue] = [:]
        for key in AddressValidationRequest.keys {
            if let value = address[member: key], !value.isNull { members[key] = value }
        }
        var request = APIRequest(method: .POST, url: try endpoint.url("validations/address"),
                                 route: "POST /v1/validations/address", body: JSONValue.object(members).jsonData())
        request.allowsEmptyBody = true
        let response: APIResponse
        do {
            response = try await transport.send(request)
        } catch where error.kind == .badRequest && error.code == "2007" {
            return AddressValidationResult(legacyDescription: error.message)
        }
        do {
            return try AddressValidationResult(json: response.json)
        } catch {
            throw PartnerCenterError(kind: .invalidResponse, status: response.status, message: error.description)
        }
    }
}
