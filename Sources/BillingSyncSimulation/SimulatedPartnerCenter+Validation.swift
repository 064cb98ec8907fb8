import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels

extension SimulatedPartnerCenter {
    public func countryValidationRules(iso2: String) async throws(PartnerCenterError) -> CountryValidationRules {
        let state = state
        return try await exchange("GET rules \(iso2)") {
            guard let json = await state.countryValidationRules(iso2) else {
                return .failure(PartnerCenterError(kind: .notFound, status: 404, code: "600013",
                                                   message: "simulated: no validation rules for the country/region \(iso2)"))
            }
            do { return .success(try CountryValidationRules(json: json)) } catch {
                return .failure(PartnerCenterError(kind: .invalidResponse, message: "\(error)"))
            }
        }
    }

    public func validateAddress(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult {
        let state = state
        return try await exchange("POST validate address") {
            switch await state.validateAddress(address) {
            case .ok(let body):
                do { return .success(try AddressValidationResult(json: body ?? .null)) } catch {
                    return .failure(PartnerCenterError(kind: .invalidResponse, message: "\(error)"))
                }
            case .badRequest(2007, let description):
                return .success(AddressValidationResult(legacyDescription: description))
            case .badRequest(let code, let description):
                return .failure(PartnerCenterError(kind: .badRequest, status: 400, code: String(code), message: description))
            }
        }
    }
}
