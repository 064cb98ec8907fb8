import BillingSyncEngine
import Foundation
import BillingSyncStore
import BillingSyncFixtures
import EmulatorCore
import PartnerCenterModels
import Testing

/// What the simulation under `address_validation = require` found in the review way out.
@Suite("Address review regressions")
struct AddressReviewRegressionTests {
    /// Seed 18 of the simulation: two edits of one customer went out in one push; their merged
    /// address was StreetPartial, so both waited for review with the same suggestions. Accepting
    /// suggestion 1 of the street edit re-queued it with the other edit's unreviewed value too,
    /// and that value was PUT while its own edit still waited (a later cancel could not undo it).
    @Test("accepting one edit's suggestion does not carry another waiting edit's value")
    func acceptDoesNotCarryAnotherEditsValue() async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            let street = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            let building = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine2": "Building 92"])
            #expect(try await fixture.pusher.pushPending().needsReview == 2)
            let review = EditReview(store: fixture.store)
            let accepted = try await review.accept(street, suggestion: 1)
            #expect(accepted.changes["defaultAddress.addressLine1"]?.stringValue == "1 Microsoft Way")
            #expect(accepted.changes["defaultAddress.addressLine2"] == nil, "\(accepted.changes)")
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine2")?.stringValue != "Building 92")
            #expect(try await AddressGateTests.edit(fixture, building).status == .needsReview)
            try await review.cancel(building)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine2")?.stringValue != "Building 92")
        }
    }

    /// Seed 4 of the simulation: two edits of the same property waited together; the merged
    /// (later) value was in the earlier edit's suggestions. Seed 16074: the accepted suggestion
    /// then holds only the edit's own value, an address the service refuses (no house number),
    /// and it was PUT because reviewed edits were never checked again.
    @Test("accepting the earlier of two edits of one property pushes neither the later value nor a refused address")
    func acceptDoesNotCarryALaterEditsValue() async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            let earlier = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            let later = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Other Way"])
            #expect(try await fixture.pusher.pushPending().needsReview == 2)
            let accepted = try await EditReview(store: fixture.store).accept(earlier, suggestion: 1)
            #expect(accepted.changes["defaultAddress.addressLine1"]?.stringValue == "Microsoft Way", "\(accepted.changes)")
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 0)
            #expect(summary.rejected == 1)
            let edit = try await AddressGateTests.edit(fixture, earlier)
            #expect(edit.status == .rejected)
            #expect(edit.lastError?.contains("StreetPartial") == true, "\(edit.lastError ?? "")")
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine1")?.stringValue == "1 Microsoft Way")
            #expect(try await AddressGateTests.edit(fixture, later).status == .needsReview)
        }
    }

    /// Seed 34 of the simulation: an edit waited for review while an earlier edit of the same
    /// field was pushed together with a later one. The PUT's history rows named the group's last
    /// edit for every field, so the waiting edit, pushed as is afterwards, did not see the
    /// earlier edit's value as ours and was recorded as a conflict with our own push.
    @Test("an edit released from review is judged against what our earlier edit pushed meanwhile")
    func releasedEditSeesOurEarlierPush() async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            let first = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            let second = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Other Way"])
            #expect(try await fixture.pusher.pushPending().needsReview == 2)
            let review = EditReview(store: fixture.store)
            try await review.pushAsIs(first)
            let third = try await AddressGateTests.enqueue(fixture, id, ["firstName": "Grace"])
            #expect(try await fixture.pusher.pushPending().pushed == 2)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine1")?.stringValue == "Microsoft Way")
            try await review.pushAsIs(second)
            let pass = try await fixture.pusher.pushPending()
            let released = try await AddressGateTests.edit(fixture, second)
            #expect(pass.pushed == 1 && pass.conflicts == 0, "\(released.status): \(released.lastError ?? "")")
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine1")?.stringValue == "Other Way")
            #expect(try await AddressGateTests.edit(fixture, third).status == .pushed)
        }
    }

    /// Found reading the review path: a suggestion is the whole address as the service saw it, so
    /// accepting it re-queued every address property as the edit's own, another admin's city
    /// included. When that admin changed the city again before the push, the edit (which never
    /// changed the city) met a conflict on it. What an edit may accept is its own properties and
    /// the ones the service corrected, nothing it merely saw.
    @Test("an accepted suggestion carries the edit's properties and the service's corrections only")
    func acceptCarriesOnlyOwnAndCorrectedProperties() async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Bellevue"), atPath: "defaultAddress.city") }
            let street = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            #expect(try await fixture.pusher.pushPending().needsReview == 1)
            let item = try #require(try await EditReview(store: fixture.store).pending().first)
            let stored = try #require(item.suggestions.first?.objectValue)
            #expect(Set(stored.keys) == ["addressLine1", "postalCode"], "\(stored)")
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Kirkland"), atPath: "defaultAddress.city") }
            let accepted = try await EditReview(store: fixture.store).accept(street, suggestion: 1)
            #expect(accepted.changes["defaultAddress.city"] == nil, "\(accepted.changes)")
            #expect(accepted.changes["defaultAddress.postalCode"]?.stringValue?.hasPrefix("98052-") == true, "\(accepted.changes)")
            let pass = try await fixture.pusher.pushPending()
            let settled = try await AddressGateTests.edit(fixture, street)
            #expect(pass.pushed == 1 && pass.conflicts == 0, "\(settled.status): \(settled.lastError ?? "")")
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Kirkland")
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine1")?.stringValue == "1 Microsoft Way")
        }
    }

    /// Both ways out docs/schema.md offers take the same suggestion: `review --accept 1` and the
    /// documented SQL `UPDATE` re-queue the same patch, under either contract of the service.
    @Test("the documented SQL accept and review --accept give the same patch",
          arguments: [AddressValidationContract.current, .legacy])
    func documentedSQLAcceptAgrees(contract: AddressValidationContract) async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            await fixture.state.setAddressValidationContract(contract)
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Bellevue"), atPath: "defaultAddress.city") }
            let street = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            #expect(try await fixture.pusher.pushPending().needsReview == 1)
            let item = try #require(try await EditReview(store: fixture.store).pending().first)
            let viaCLI = try EditReview.acceptedPatch(item, number: 1)
            let accept = try #require(try DocumentedSQL.reviewUpdates().first)
            let connection = try fixture.openConnection()
            defer { connection.close() }
            try connection.run(accept.replacingOccurrences(of: "42", with: String(street)))
            let patchText = try #require(try connection.query("SELECT patch FROM outbox WHERE id = ?", [street]).first?.string("patch"))
            #expect(try EditPatch.parse(json: patchText).changes == viaCLI.changes, "\(patchText) vs \(viaCLI.changes)")
        }
    }

    /// Seed 34 of the simulation: an accepted suggestion carries the address as the service saw
    /// it, another admin's new city included. It joined a group whose earlier PUT was of unknown
    /// outcome, and the recovery counted every value an edit of the group wanted as our landed
    /// push: the admin's city went into history as ours.
    @Test("after a PUT of unknown outcome, only edits a PUT was sent for count as landed")
    func revealCountsOnlySentEdits() async throws {
        try await AddressGateTests.withRedmond(.require) { fixture, id in
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Bellevue"), atPath: "defaultAddress.city") }
            let street = try await AddressGateTests.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            #expect(try await fixture.pusher.pushPending().needsReview == 1)
            let accepted = try await EditReview(store: fixture.store).accept(street, suggestion: 1)
            // Since the accepted suggestion keeps only what the edit changes and what the service
            // corrected, it no longer carries the admin's city; the history must say `remote` still.
            #expect(accepted.changes["defaultAddress.city"] == nil, "\(accepted.changes)")
            // Another edit's PUT landed and the daemon died before recording it.
            let name = try await AddressGateTests.enqueue(fixture, id, ["firstName": "Grace"])
            let remote = try await fixture.client.billingProfile(id)
            var body = remote.resource
            body.setValue(.string("Grace"), atPath: "firstName")
            let requestID = UUID()
            _ = try await fixture.client.updateBillingProfile(
                id, profile: BillingProfile(resource: body), ifMatch: try #require(remote.etag), requestID: requestID)
            try fixture.openConnection().run("UPDATE outbox SET status = 'pushing', attempts = 1, request_id = ? WHERE id = ?",
                                             [requestID.uuidString, name])
            #expect(try await fixture.pusher.pushPending().pushed == 2)
            let rows = try fixture.openConnection().query(
                "SELECT field, source FROM profile_history WHERE customer_id = ? ORDER BY id", [id.rawValue])
            let sources = Dictionary(rows.map { ($0.string("field") ?? "", $0.string("source") ?? "") }, uniquingKeysWith: { $1 })
            #expect(sources["defaultAddress.city"] == "remote", "\(sources)")
            #expect(sources["firstName"] == "push" && sources["defaultAddress.postalCode"] == "push", "\(sources)")
        }
    }
}
