import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("Billing profile GET and PUT")
struct BillingProfileTests {
    /// GETs a profile and returns it with its etag.
    static func fetch(_ h: EmulatorHarness, _ id: CustomerID, token: String) async throws -> (JSONValue, String) {
        let answer = try await h.api(.GET, "/v1/customers/\(id.rawValue)/profiles/billing", token: token)
        let json = try #require(answer.json)
        return (json, try #require(json.value(atPath: "attributes.etag")?.stringValue))
    }

    static func put(_ h: EmulatorHarness, _ id: CustomerID, token: String, etag: String?,
                    body: JSONValue) async throws -> EmulatorHarness.Answer {
        try await h.api(.PUT, "/v1/customers/\(id.rawValue)/profiles/billing", token: token,
                        headers: (etag.map { [("If-Match", $0)] } ?? []) + [("Content-Type", "application/json")],
                        body: body.canonicalText())
    }

    @Test("GET has the documented shape and echoes MS-RequestId and MS-CorrelationId")
    func getShape() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            let answer = try await h.send(.GET, "/v1/customers/\(id.rawValue)/profiles/billing", headers: [
                ("Authorization", "Bearer \(token)"), ("MS-RequestId", "req-42"), ("MS-CorrelationId", "corr-42"),
            ])
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "MS-RequestId") == "req-42")
            #expect(answer.headers.first(name: "MS-CorrelationId") == "corr-42")
            #expect(answer.headers.first(name: "MS-CV") != nil)
            #expect(answer.headers.first(name: "Date") != nil)
            #expect(answer.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            let json = try #require(answer.json)
            for key in ["id", "firstName", "lastName", "email", "culture", "language", "companyName", "defaultAddress"] {
                #expect(json[member: key] != nil, "missing \(key)")
            }
            for key in ["country", "city", "addressLine1", "postalCode", "firstName", "lastName"] {
                #expect(json.value(atPath: "defaultAddress.\(key)") != nil, "missing defaultAddress.\(key)")
            }
            #expect(json.value(atPath: "links.self.uri") == .string("/v1/customers/\(id.rawValue)/profiles/billing"))
            #expect(json.value(atPath: "attributes.objectType") == .string("CustomerBillingProfile"))
            #expect(json.value(atPath: "attributes.etag")?.stringValue.flatMap(Int64.init) != nil)
        }
    }

    @Test("PUT with the current If-Match (PascalCase body) applies, renews the etag, keeps unknown fields, audits")
    func putApplies() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            let (profile, etag) = try await Self.fetch(h, id, token: token)
            var body = profile
            body.setValue(.string("Neue Straße 5"), atPath: "DefaultAddress.AddressLine1")
            body.setValue(.string("kept"), atPath: "customField")
            body.setValue(.string("kept too"), atPath: "defaultAddress.extraAddressField")
            body = .object(Dictionary(uniqueKeysWithValues: body.objectValue!.map { key, value in
                (key.prefix(1).uppercased() + key.dropFirst(), value)
            }))
            let answer = try await Self.put(h, id, token: token, etag: "\"\(etag)\"", body: body)
            #expect(answer.status == 200)
            let updated = try #require(answer.json)
            let newETag = try #require(updated.value(atPath: "attributes.etag")?.stringValue)
            #expect(newETag != etag)
            #expect(updated[member: "defaultAddress"]?[member: "addressLine1"] == .string("Neue Straße 5"))
            #expect(updated[member: "customField"] == .string("kept"))
            #expect(updated.value(atPath: "defaultAddress.extraAddressField") == .string("kept too"))
            #expect(updated[member: "id"] == profile[member: "id"])
            let (refetched, currentETag) = try await Self.fetch(h, id, token: token)
            #expect(refetched == updated && currentETag == newETag)

            let writes = await h.emulator.state.writeLog()
            #expect(writes.count == 1)
            #expect(writes.first?.oldETag == etag && writes.first?.newETag == newETag)
            #expect(writes.first?.ifMatch == "\"\(etag)\"" && writes.first?.ifMatchWasUnquoted == false)
            let audit = try #require(await h.emulator.state.auditRecords().last)
            #expect(audit[member: "operationType"] == .string("update_customer_billing_profile"))
            #expect(audit[member: "customerId"] == .string(id.rawValue))
            let newValue = try JSONValue(parsing: try #require(audit[member: "resourceNewValue"]?.stringValue))
            #expect(newValue.value(atPath: "defaultAddress.addressLine1") == .string("Neue Straße 5"))
        }
    }

    @Test("a stale If-Match is 412, or 400 code 2055 with the switch; a missing one is 400")
    func staleETag() async throws {
        for mode in [ETagMismatchMode.preconditionFailed, .badRequest2055] {
            var configuration = EmulatorConfiguration.test()
            configuration.etagMismatch = mode
            try await EmulatorHarness.with(configuration) { h in
                let token = try await h.accessToken()
                let id = try #require(await h.emulator.state.customerIDs().first)
                let (profile, etag) = try await Self.fetch(h, id, token: token)
                await h.emulator.state.modifyProfile(id) { $0.setValue(.string("Elsewhere"), atPath: "defaultAddress.city") }
                let answer = try await Self.put(h, id, token: token, etag: "\"\(etag)\"", body: profile)
                if mode == .preconditionFailed {
                    #expect(answer.status == 412)
                } else {
                    #expect(answer.status == 400)
                    #expect(answer.json?[member: "code"] == .integer(2055))
                    #expect(answer.json?[member: "description"] == .string("Etag is no longer valid"))
                }
                let missing = try await Self.put(h, id, token: token, etag: nil, body: profile)
                #expect(missing.status == 400)
                #expect(await h.emulator.state.writeLog().isEmpty)
                #expect(await h.emulator.state.profile(id)?.value(atPath: "defaultAddress.city") == .string("Elsewhere"))
            }
        }
    }

    @Test("interceptNextWrite makes another admin change the profile right before the next PUT")
    func interceptedWrite() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            let (profile, etag) = try await Self.fetch(h, id, token: token)
            await h.emulator.state.interceptNextWrite(to: id) { $0.setValue(.string("Raced"), atPath: "companyName") }
            #expect(try await Self.put(h, id, token: token, etag: "\"\(etag)\"", body: profile).status == 412)
            let (current, newETag) = try await Self.fetch(h, id, token: token)
            #expect(current[member: "companyName"] == .string("Raced"))
            #expect(try await Self.put(h, id, token: token, etag: "\"\(newETag)\"", body: current).status == 200)
        }
    }

    @Test("documented validation errors are 400 with code, description, data and source", arguments: [
        ("defaultAddress.country", JSONValue.string("USA"), 3000),
        ("defaultAddress.state", .string("WAS"), 3000),
        ("defaultAddress.addressLine1", .string(""), 3000),
        ("defaultAddress.firstName", .string(String(repeating: "x", count: 51)), 3000),
    ])
    func validation(path: String, value: JSONValue, code: Int) async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            var (body, etag) = try await Self.fetch(h, id, token: token)
            body.setValue(value, atPath: path)
            let answer = try await Self.put(h, id, token: token, etag: "\"\(etag)\"", body: body)
            #expect(answer.status == 400)
            let json = try #require(answer.json)
            #expect(json[member: "code"] == .integer(Int64(code)))
            // The documented text; what is wrong is named in `data` (the client shows both).
            #expect(json[member: "description"] == .string("Invalid property"))
            #expect(json[member: "data"]?.arrayValue?.contains { $0.stringValue?.contains(path) == true } == true)
            #expect(json[member: "source"] == .string("PartnerFD"))
        }
    }

    @Test("a Russian address without a phone number is 400 code 600051")
    func phoneRequired() async throws {
        try await EmulatorHarness.with(.test()) { h in
            let token = try await h.accessToken()
            let id = try #require(await h.emulator.state.customerIDs().first)
            var (body, etag) = try await Self.fetch(h, id, token: token)
            body.setValue(.string("RU"), atPath: "defaultAddress.country")
            body.setValue(.null, atPath: "defaultAddress.state")
            body.setValue(.null, atPath: "defaultAddress.phoneNumber")
            let answer = try await Self.put(h, id, token: token, etag: etag, body: body)
            #expect(answer.status == 400)
            #expect(answer.json?[member: "code"] == .integer(600051))
        }
    }
}
