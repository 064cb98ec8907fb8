import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels

extension SimulatedPartnerCenter {
    public func countryValidationRules(iso2: String) async throws(PartnerCenterError) -> CountryValidationRules {
        let state = state
        let events = events
        return try await exchange("GET rules \(iso2)") {
            events.recordRulesCall()
            guard let json = await state.countryValidationRules(iso2) else {
                return .failure(PartnerCenterError(kind: .notFound, status: 404, code: "600013",
                                                   message: "simulated: no validation rules for the country/region \(iso2)"))
            }
            do { return .success(try CountryValidationRules(json: json)) } catch {
                return .failure(PartnerCenterError(kind: .invalidResponse, message: "\(error)"))
            }
        }
    }

    /// The address service; every verdict it reaches is recorded for the oracle (also when its
    /// answer is then lost on the way back).
    public func validateAddress(_ address: JSONValue) async throws(PartnerCenterError) -> AddressValidationResult {
        let state = state
        let events = events
        let process = life.id
        return try await exchange("POST validate address") {
            let result: AddressValidationResult
            switch await state.validateAddress(address) {
            case .ok(let body):
                do { result = try AddressValidationResult(json: body ?? .null) } catch {
                    return .failure(PartnerCenterError(kind: .invalidResponse, message: "\(error)"))
                }
            case .badRequest(2007, let description):
                result = AddressValidationResult(legacyDescription: description)
            case .badRequest(let code, let description):
                return .failure(PartnerCenterError(kind: .badRequest, status: 400, code: String(code), message: description))
            }
            events.record(SimulationEvents.AddressCheck(process: process, address: address, status: result.status.rawValue,
                                                        isVerified: result.status.isVerified, suggestions: result.suggestions))
            return .success(result)
        }
    }
}
