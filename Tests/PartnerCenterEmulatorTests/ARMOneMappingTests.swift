import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

/// ARM is answered from one mapping (`ARMRouter`): the emulator's server and a wire without a
/// server (`EmulatedAnswer.respond`, the simulation's) give the same status, body and headers.
@Suite("ARM answered from one mapping: server and EmulatedAnswer agree")
struct ARMOneMappingTests {
    @Test("a paged list: same page, ARM headers, nextLink absolute on the host called; 401 without a token")
    func sameAnswer() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 5, pageSize: 2)) { h in
            let token = try await h.accessToken()
            let path = EmulatorConfiguration.armAccountPath + "/customers"
            let query = "api-version=2020-05-01&$expand=enabledAzurePlans,resellers"
            let served = try await h.arm(path + "?" + query, token: token,
                                         headers: [("x-ms-client-request-id", "abc"), ("x-ms-return-client-request-id", "true")])
            let emulated = await EmulatedAnswer.respond(
                to: EmulatedRequest(method: "GET", path: path, query: query,
                                    headers: [("Authorization", "Bearer \(token)"), ("x-ms-client-request-id", "abc"),
                                              ("x-ms-return-client-request-id", "true")],
                                    body: Data(), authority: "management.example"),
                in: h.emulator.state)
            let body = try JSONValue(parsing: emulated.body)
            #expect(served.status == 200 && emulated.status == 200)
            #expect(served.json?[member: "value"] == body[member: "value"])
            let servedLink = try #require(served.json?.text("nextLink"))
            let emulatedLink = try #require(body.text("nextLink"))
            #expect(emulatedLink.hasPrefix("http://management.example/providers/"))
            #expect(URLComponents(string: servedLink)?.percentEncodedQuery == URLComponents(string: emulatedLink)?.percentEncodedQuery)
            let names = Set(emulated.headers.map { $0.0.lowercased() })
            for name in ["x-ms-request-id", "x-ms-correlation-request-id", "x-ms-ratelimit-remaining-tenant-reads"] {
                #expect(names.contains(name))
                #expect(served.headers.first(name: name) != nil)
            }
            #expect(emulated.headers.first { $0.0 == "x-ms-client-request-id" }?.1 == "abc")
            #expect(served.headers.first(name: "x-ms-client-request-id") == "abc")

            let refused = await EmulatedAnswer.respond(
                to: EmulatedRequest(method: "GET", path: path, query: query, headers: [], body: Data()), in: h.emulator.state)
            let servedRefusal = try await h.send(.GET, path + "?" + query, headers: [])
            #expect(refused.status == 401 && servedRefusal.status == 401)
            #expect(try JSONValue(parsing: refused.body) == servedRefusal.json)
        }
    }
}
