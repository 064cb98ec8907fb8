import Testing
import BillingSyncTesting
import PartnerCenterModels
@testable import BillingSyncEngine

@Suite("ThreeWayMerge: a local edit against the current remote profile")
struct ThreeWayMergeTests {
    private let city = "defaultAddress.city"

    @Test("a remote change of another field is kept and the edit is applied")
    func nonOverlapping() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile(["lastName": .string("Remote"), "attributes.etag": .string("e2")])
        let patch = EditPatch(changes: [city: .string("Seattle")])
        let result = ThreeWayMerge.merge(base: base, patch: patch, remote: remote)
        #expect(result.conflicts == [])
        #expect(!result.alreadyApplied)
        #expect(result.merged == (try EditPatchTests.profile(["lastName": .string("Remote"), "attributes.etag": .string("e2"),
                                                              city: .string("Seattle")])))
    }

    @Test("when the remote already has the edit's values there is nothing to push")
    func alreadyApplied() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("Seattle")])
        let patch = EditPatch(changes: [city: .string("Seattle"), "defaultAddress.addressLine2": .null])
        let result = ThreeWayMerge.merge(base: base, patch: patch, remote: remote)
        #expect(result.alreadyApplied)
        #expect(result.conflicts == [])
        #expect(result.merged == remote)
    }

    @Test("a field changed remotely to another value is a conflict; the rest is still merged")
    func conflict() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("Bellevue")])
        let patch = EditPatch(changes: [city: .string("Seattle"), "firstName": .string("Ann")])
        let result = ThreeWayMerge.merge(base: base, patch: patch, remote: remote)
        #expect(result.conflicts == [FieldConflict(field: city, baseValue: "Redmond", localValue: "Seattle",
                                                   remoteValue: "Bellevue")])
        #expect(!result.alreadyApplied)
        #expect(result.merged.value(atPath: city) == .string("Bellevue"))
        #expect(result.merged.value(atPath: "firstName") == .string("Ann"))
    }

    @Test("clearing a field the remote changed is a conflict with a nil local value")
    func conflictOnClear() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile(["defaultAddress.phoneNumber": .string("111")])
        let result = ThreeWayMerge.merge(base: base, patch: EditPatch(changes: ["defaultAddress.phoneNumber": .null]),
                                         remote: remote)
        #expect(result.conflicts == [FieldConflict(field: "defaultAddress.phoneNumber", baseValue: "4255555555",
                                                   localValue: nil, remoteValue: "111")])
    }

    @Test("without a base the edit wins over any remote value")
    func nilBase() throws {
        let remote = try EditPatchTests.profile([city: .string("Bellevue")])
        let result = ThreeWayMerge.merge(base: nil, patch: EditPatch(changes: [city: .string("Seattle")]), remote: remote)
        #expect(result.conflicts == [])
        #expect(!result.alreadyApplied)
        #expect(result.merged.value(atPath: city) == .string("Seattle"))
    }

    @Test("remote unknown fields, links, attributes and PascalCase spelling are preserved")
    func remotePreserved() throws {
        var remote = try JSONValue(parsing: DocumentationExamples.updateBillingProfileRequest)
        remote.setValue(.string("x"), atPath: "ExtraField")
        remote.setValue(.string("y"), atPath: "DefaultAddress.Extra")
        let base = try EditPatchTests.profile()
        let result = ThreeWayMerge.merge(base: base, patch: EditPatch(changes: [city: .string("Seattle")]), remote: remote)
        var expected = remote
        expected.setValue(.string("Seattle"), atPath: "DefaultAddress.City")
        #expect(result.merged == expected)
        #expect(result.conflicts == [])
    }

    @Test("comparison is case-sensitive: a case-only change is a change, on either side")
    func caseSensitive() throws {
        let base = try EditPatchTests.profile()
        let remoteUpper = try EditPatchTests.profile([city: .string("REDMOND")])
        let clash = ThreeWayMerge.merge(base: base, patch: EditPatch(changes: [city: .string("Seattle")]), remote: remoteUpper)
        #expect(clash.conflicts.map(\.remoteValue) == ["REDMOND"])
        let lower = ThreeWayMerge.merge(base: base, patch: EditPatch(changes: [city: .string("redmond")]), remote: base)
        #expect(!lower.alreadyApplied)
        #expect(lower.merged.value(atPath: city) == .string("redmond"))
    }

    @Test("coalesced edits merge with the later value for each field")
    func coalescedEdits() throws {
        let base = try EditPatchTests.profile()
        let first = try EditPatch.parse(assignments: ["defaultAddress.city=Tacoma", "firstName=Ann"])
        let second = try EditPatch.parse(assignments: ["defaultAddress.city=Seattle"])
        let result = ThreeWayMerge.merge(base: base, patch: first.coalesced(with: second), remote: base)
        #expect(result.merged == (try EditPatchTests.profile([city: .string("Seattle"), "firstName": .string("Ann")])))
        let reversed = ThreeWayMerge.merge(base: base, patch: second.coalesced(with: first), remote: base)
        #expect(reversed.merged.value(atPath: city) == .string("Tacoma"))
    }

    @Test("conflicts are listed in documented field order")
    func conflictOrder() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("B"), "firstName": .string("B"), "email": .string("b@b.example")])
        let patch = EditPatch(changes: [city: .string("L"), "email": .string("l@l.example"), "firstName": .string("L")])
        #expect(ThreeWayMerge.merge(base: base, patch: patch, remote: remote).conflicts.map(\.field)
            == ["firstName", "email", city])
    }
}
