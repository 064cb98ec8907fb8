import Foundation
import PartnerCenterModels

/// The `/_emulator` interface for tests and for running the emulator as a separate process.
/// No token, no faults, no rate limit.
enum AdminRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/_emulator/stats", kind: .admin) { .json(await $0.state.statistics()) },
        EmulatorRoute(.get, "/_emulator/faults", kind: .admin) { encoded(await $0.state.faults) },
        EmulatorRoute(.put, "/_emulator/faults", kind: .admin) { await setFaults($0) },
        EmulatorRoute(.put, "/_emulator/drift", kind: .admin) { await setDrift($0) },
        EmulatorRoute(.get, "/_emulator/customers", kind: .admin) { request in
            .json(.array(await request.state.customerIDs().map { .string($0.rawValue) }))
        },
        EmulatorRoute(.post, "/_emulator/customers", kind: .admin) { await addCustomer($0) },
        EmulatorRoute(.delete, "/_emulator/customers/{id}", kind: .admin) { await removeCustomer($0) },
        EmulatorRoute(.get, "/_emulator/profiles/{id}", kind: .admin) { await profile($0) },
        EmulatorRoute(.put, "/_emulator/profiles/{id}", kind: .admin) { await setProfile($0) },
        EmulatorRoute(.get, "/_emulator/writes", kind: .admin) { encoded(await $0.state.writeLog()) },
        EmulatorRoute(.get, "/_emulator/auditrecords", kind: .admin) { .json(.array(await $0.state.auditRecords())) },
        EmulatorRoute(.post, "/_emulator/tokens/expire", kind: .admin) { request in
            await request.state.expireAllTokens()
            return EmulatorReply(status: .noContent)
        },
        EmulatorRoute(.post, "/_emulator/refresh-token/revoke", kind: .admin) { request in
            await request.state.revokeRefreshToken()
            return EmulatorReply(status: .noContent)
        },
        EmulatorRoute(.put, "/_emulator/address-validation", kind: .admin) { request in
            guard let text = request.jsonBody?[member: "contract"]?.stringValue,
                  let contract = AddressValidationContract(rawValue: text) else {
                return .invalidInput("the body must be {\"contract\": \"current\" | \"legacy\"}.")
            }
            await request.state.setAddressValidationContract(contract)
            return EmulatorReply(status: .noContent)
        },
        EmulatorRoute(.put, "/_emulator/forbidden", kind: .admin) { request in
            await request.state.forbid(request.jsonBody?[member: "forbidden"] == .bool(true))
            return EmulatorReply(status: .noContent)
        },
        EmulatorRoute(.put, "/_emulator/forbidden/{id}", kind: .admin) { request in
            let text = request.pathParameters["id"] ?? ""
            guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
            await request.state.forbidCustomer(id, request.jsonBody?[member: "forbidden"] == .bool(true))
            return EmulatorReply(status: .noContent)
        },
    ]

    private static func setFaults(_ request: EmulatorRequest) async -> EmulatorReply {
        guard let settings = try? JSONDecoder().decode(FaultSettings.self, from: request.body) else {
            return .invalidInput("the body must be a FaultSettings object.")
        }
        await request.state.setFaults(settings)
        return encoded(settings)
    }

    private static func setDrift(_ request: EmulatorRequest) async -> EmulatorReply {
        let settings = try? JSONDecoder().decode(DriftSettings.self, from: request.body)
        await request.state.setDrift(settings)
        return EmulatorReply(status: .noContent)
    }

    private static func addCustomer(_ request: EmulatorRequest) async -> EmulatorReply {
        let body = request.jsonBody
        let id = await request.state.addCustomer(companyName: body?[member: "companyName"]?.stringValue,
                                                 country: body?[member: "country"]?.stringValue)
        guard let customer = await request.state.customer(id) else { return .customerNotFound(id) }
        return .json(customer, status: .created)
    }

    private static func removeCustomer(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        return await request.state.removeCustomer(id) ? EmulatorReply(status: .noContent) : .customerNotFound(id)
    }

    private static func profile(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        guard let profile = await request.state.profile(id) else { return .customerNotFound(id) }
        return .json(profile)
    }

    private static func setProfile(_ request: EmulatorRequest) async -> EmulatorReply {
        let text = request.pathParameters["id"] ?? ""
        guard let id = CustomerID(text) else { return .notAGUID("Customer Id", text) }
        guard let body = request.jsonBody, body.objectValue != nil else {
            return .invalidInput("the body must be a billing profile JSON object.")
        }
        await request.state.setProfile(id, body)
        guard let profile = await request.state.profile(id) else { return .customerNotFound(id) }
        return .json(profile)
    }

    /// Any Encodable as a JSON reply (dates in ISO 8601).
    private static func encoded(_ value: some Encodable) -> EmulatorReply {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value), let json = try? JSONValue(parsing: data) else {
            return .error(.internalServerError, code: 500, "could not encode the admin response")
        }
        return .json(json)
    }
}
