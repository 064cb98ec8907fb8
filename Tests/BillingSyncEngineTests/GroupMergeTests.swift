import Testing
import BillingSyncFixtures
import PartnerCenterModels
@testable import BillingSyncEngine

/// The merge rule (`GroupMerge`): each edit against the current remote profile and its base,
/// then the body to PUT. The pusher's rounds over it are tested in `OutboxPushTests`.
@Suite("GroupMerge: edits against the current remote profile")
struct GroupMergeTests {
    private let city = "defaultAddress.city"

    private func body(_ patches: [EditPatch], _ remote: JSONValue) -> (JSONValue, Set<String>) {
        GroupMerge.body(applying: patches, to: remote)
    }

    @Test("a remote change of another field is kept and the edit is applied")
    func nonOverlapping() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile(["lastName": .string("Remote"), "attributes.etag": .string("e2")])
        let patch = EditPatch(changes: [city: .string("Seattle")])
        #expect(GroupMerge.conflicts(base: base, patch: patch, remote: remote) == [])
        let (merged, changed) = body([patch], remote)
        #expect(changed == [city])
        #expect(merged == (try EditPatchTests.profile(["lastName": .string("Remote"), "attributes.etag": .string("e2"),
                                                       city: .string("Seattle")])))
    }

    @Test("when the remote already has the edit's values there is nothing to push")
    func alreadyApplied() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("Seattle")])
        let patch = EditPatch(changes: [city: .string("Seattle"), "defaultAddress.addressLine2": .null])
        #expect(GroupMerge.conflicts(base: base, patch: patch, remote: remote) == [])
        let (merged, changed) = body([patch], remote)
        #expect(changed.isEmpty)
        #expect(merged == remote)
    }

    @Test("a field changed remotely to another value is a conflict; the edit's other fields are not")
    func conflict() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("Bellevue")])
        let patch = EditPatch(changes: [city: .string("Seattle"), "firstName": .string("Ann")])
        #expect(GroupMerge.conflicts(base: base, patch: patch, remote: remote)
            == [FieldConflict(field: city, baseValue: "Redmond", localValue: "Seattle", remoteValue: "Bellevue")])
    }

    @Test("clearing a field the remote changed is a conflict with a nil local value")
    func conflictOnClear() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile(["defaultAddress.phoneNumber": .string("111")])
        #expect(GroupMerge.conflicts(base: base, patch: EditPatch(changes: ["defaultAddress.phoneNumber": .null]), remote: remote)
            == [FieldConflict(field: "defaultAddress.phoneNumber", baseValue: "4255555555", localValue: nil, remoteValue: "111")])
    }

    @Test("remote unknown fields, links, attributes and PascalCase spelling are preserved")
    func remotePreserved() throws {
        var remote = try JSONValue(parsing: DocumentationExamples.updateBillingProfileRequest)
        remote.setValue(.string("x"), atPath: "ExtraField")
        remote.setValue(.string("y"), atPath: "DefaultAddress.Extra")
        let base = try EditPatchTests.profile()
        let patch = EditPatch(changes: [city: .string("Seattle")])
        #expect(GroupMerge.conflicts(base: base, patch: patch, remote: remote) == [])
        var expected = remote
        expected.setValue(.string("Seattle"), atPath: "DefaultAddress.City")
        #expect(body([patch], remote).0 == expected)
    }

    @Test("comparison is case-sensitive: a case-only change is a change, on either side")
    func caseSensitive() throws {
        let base = try EditPatchTests.profile()
        let remoteUpper = try EditPatchTests.profile([city: .string("REDMOND")])
        let clash = GroupMerge.conflicts(base: base, patch: EditPatch(changes: [city: .string("Seattle")]), remote: remoteUpper)
        #expect(clash.map(\.remoteValue) == ["REDMOND"])
        let lower = EditPatch(changes: [city: .string("redmond")])
        #expect(GroupMerge.conflicts(base: base, patch: lower, remote: base) == [])
        let (merged, changed) = body([lower], base)
        #expect(changed == [city] && merged.value(atPath: city) == .string("redmond"))
    }

    @Test("coalesced edits merge with the later value for each field")
    func coalescedEdits() throws {
        let base = try EditPatchTests.profile()
        let first = try EditPatch.parse(assignments: ["defaultAddress.city=Tacoma", "firstName=Ann"])
        let second = try EditPatch.parse(assignments: ["defaultAddress.city=Seattle"])
        #expect(body([first, second], base).0 == (try EditPatchTests.profile([city: .string("Seattle"), "firstName": .string("Ann")])))
        #expect(body([second, first], base).0.value(atPath: city) == .string("Tacoma"))
    }

    @Test("conflicts are listed in documented field order")
    func conflictOrder() throws {
        let base = try EditPatchTests.profile()
        let remote = try EditPatchTests.profile([city: .string("B"), "firstName": .string("B"), "email": .string("b@b.example")])
        let patch = EditPatch(changes: [city: .string("L"), "email": .string("l@l.example"), "firstName": .string("L")])
        #expect(GroupMerge.conflicts(base: base, patch: patch, remote: remote).map(\.field) == ["firstName", "email", city])
    }
}
