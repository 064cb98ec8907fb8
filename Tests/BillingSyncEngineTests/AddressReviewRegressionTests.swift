import BillingSyncEngine
import BillingSyncStore
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
}
