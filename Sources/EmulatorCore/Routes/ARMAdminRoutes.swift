import PartnerCenterModels

/// `/_emulator/arm/…` admin routes (no token, no faults, no read budget) for tests and for the
/// emulator run as a separate process.
enum ARMAdminRoutes {
    static let routes: [EmulatorRoute] = [
        EmulatorRoute(.get, "/_emulator/arm/stats", kind: .admin) { .json(await $0.state.armStatistics()) },
        EmulatorRoute(.get, "/_emulator/arm/accounts/{account}/customers", kind: .admin) { request in
            .json(.array(await request.state.armCustomers(account: request.pathParameters["account"] ?? "")))
        },
        EmulatorRoute(.post, "/_emulator/arm/accounts/{account}/customers", kind: .admin) { await add($0) },
        EmulatorRoute(.patch, "/_emulator/arm/accounts/{account}/customers/{name}", kind: .admin) { await modify($0) },
        EmulatorRoute(.delete, "/_emulator/arm/accounts/{account}/customers/{name}", kind: .admin) { request in
            let (account, name) = (request.pathParameters["account"] ?? "", request.pathParameters["name"] ?? "")
            return await request.state.removeARMCustomer(account: account, name: name)
                ? EmulatorReply(status: .noContent) : ARMErrors.customerNotFound(name)
        },
    ]

    /// Body `{"displayName": "…"}` → 201 with the new customer (expanded).
    private static func add(_ request: EmulatorRequest) async -> EmulatorReply {
        let account = request.pathParameters["account"] ?? ""
        guard let displayName = request.jsonBody?[member: "displayName"]?.stringValue, !displayName.isEmpty else {
            return ARMErrors.reply(.badRequest, "InvalidRequestContent", "The body must be {\"displayName\": \"…\"}.")
        }
        let name = await request.state.addARMCustomer(account: account, displayName: displayName)
        guard let customer = await request.state.armCustomer(account: account, name: name, expand: true) else {
            return ARMErrors.customerNotFound(name)
        }
        return .json(customer, status: .created)
    }

    /// Body `{"properties": {…}}`: the given properties replace the stored ones member by member.
    private static func modify(_ request: EmulatorRequest) async -> EmulatorReply {
        let (account, name) = (request.pathParameters["account"] ?? "", request.pathParameters["name"] ?? "")
        guard let properties = request.jsonBody?[member: "properties"]?.objectValue else {
            return ARMErrors.reply(.badRequest, "InvalidRequestContent", "The body must be {\"properties\": {…}}.")
        }
        let state = request.state
        guard await state.armCustomer(account: account, name: name, expand: true) != nil else {
            return ARMErrors.customerNotFound(name)
        }
        await state.modifyARMCustomer(account: account, name: name) { resource in
            for (key, value) in properties { resource.setValue(value, atPath: "properties.\(key)") }
        }
        guard let customer = await state.armCustomer(account: account, name: name, expand: true) else {
            return ARMErrors.customerNotFound(name)
        }
        return .json(customer)
    }
}
