import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite struct BillingProfileIntegrationTests {
    @Test func putSendsUnknownFieldsBackUnchanged() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 3, seed: 7)) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            var profile = try await fixture.client.billingProfile(id)
            let etag = try #require(profile.etag)
            #expect(profile.rawData != nil)
            profile.resource.setValue(.string("New City"), atPath: "defaultAddress.city")
            profile.resource.setValue(.object(["nested": .array([.integer(1), .string("x")])]), atPath: "futureField")
            profile.resource.setValue(.string("kept"), atPath: "defaultAddress.futureAddressField")
            let requestID = UUID()
            let updated = try await fixture.client.updateBillingProfile(id, profile: profile, ifMatch: etag, requestID: requestID)
            #expect(updated.etag != nil && updated.etag != etag)
            #expect(updated.defaultAddress?.city == "New City")

            let write = try #require(await fixture.emulator.state.writeLog().last)
            #expect(write.ifMatch == "\"\(etag)\"")
            #expect(!write.ifMatchWasUnquoted)
            #expect(write.requestID == requestID.uuidString.lowercased())
            #expect(write.correlationID != nil)
            #expect(write.body.value(atPath: "futureField.nested") == .array([.integer(1), .string("x")]))
            #expect(write.body.value(atPath: "defaultAddress.futureAddressField") == .string("kept"))
            let stored = try #require(await fixture.emulator.state.profile(id))
            #expect(stored.value(atPath: "futureField.nested") == .array([.integer(1), .string("x")]))
        }
    }

    @Test(arguments: [ETagMismatchMode.preconditionFailed, .badRequest2055])
    func staleETagReachesTheCallerAsConflict(mode: ETagMismatchMode) async throws {
        var configuration = EmulatorConfiguration(customerCount: 2, seed: 7)
        configuration.etagMismatch = mode
        try await EmulatorFixture.with(configuration) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            let profile = try await fixture.client.billingProfile(id)
            let staleETag = try #require(profile.etag)
            let remoteETag = await fixture.emulator.state.modifyProfile(id) { $0.setValue(.string("Elsewhere"), atPath: "firstName") }
            do throws(PartnerCenterError) {
                _ = try await fixture.client.updateBillingProfile(id, profile: profile, ifMatch: staleETag, requestID: UUID())
                Issue.record("a stale etag must not be accepted")
            } catch {
                #expect(error.kind == .etagConflict)
                #expect(error.status == (mode == .preconditionFailed ? 412 : 400))
                #expect(!error.isRetryable)
                #expect(error.requestID != nil && error.correlationID != nil)
            }
            // Sent exactly once: never resent with the same etag.
            #expect(await fixture.emulator.state.requestCount(route: "PUT /v1/customers/{id}/profiles/billing") == 1)
            #expect(try await fixture.client.billingProfile(id).etag == remoteETag)
        }
    }

    @Test func nonGUIDIdsAreRefusedBeforeAnyRequest() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7)) { fixture in
            for hostile in ["../customers", "abc", "00000000-0000-0000-0000-00000000000g", "x?size=1", "%2F"] {
                await #expect(throws: PartnerCenterError.self) { try await fixture.client.billingProfile(hostile) }
                await #expect(throws: PartnerCenterError.self) { try await fixture.client.customer(hostile) }
            }
            #expect(await fixture.emulator.state.requestCount() == 0)
        }
    }

    @Test func customerByIDCarriesBillingProfile() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 2, seed: 7)) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().last)
            let customer = try await fixture.client.customer(id)
            #expect(customer.id == id)
            #expect(customer.billingProfile?.etag == (try await fixture.client.billingProfile(id)).etag)
        }
    }

    @Test func unknownCustomerIsNotFound() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7)) { fixture in
            let missing = try #require(CustomerID("00000000-0000-4000-8000-000000000000"))
            await #expect { try await fixture.client.billingProfile(missing) } throws: { error in
                (error as? PartnerCenterError)?.kind == .notFound
            }
        }
    }
}
