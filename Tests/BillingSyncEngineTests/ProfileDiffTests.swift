import Testing
import BillingSyncFixtures
import PartnerCenterModels
@testable import BillingSyncEngine

@Suite("ProfileDiff: field-level differences between two billing profiles")
struct ProfileDiffTests {
    @Test("a change of each documented field is reported once, with old and new text",
          arguments: BillingProfileField.all)
    func eachDocumentedField(field: BillingProfileField) throws {
        let old = try EditPatchTests.profile()
        let new = try EditPatchTests.profile([field.path: .string("Changed ✓")])
        let oldText = old.value(atPath: field.path)?.stringValue
        #expect(ProfileDiff.changes(from: old, to: new)
            == [FieldChange(field: field.path, oldValue: oldText, newValue: "Changed ✓")])
    }

    @Test("identical profiles, and a change of links or attributes only, give no changes")
    func noChanges() throws {
        let old = try EditPatchTests.profile()
        #expect(ProfileDiff.changes(from: old, to: old) == [])
        let newETag = try EditPatchTests.profile(["attributes.etag": .string("W/\"2\""),
                                                   "links.self.uri": .string("/elsewhere")])
        #expect(ProfileDiff.changes(from: old, to: newETag) == [])
    }

    @Test("null and absent are the same value")
    func nullEqualsAbsent() throws {
        let old = try EditPatchTests.profile()
        let withNulls = try EditPatchTests.profile(["defaultAddress.region": .null, "extraField": .null,
                                                     "defaultAddress.addressLine2": .null])
        #expect(ProfileDiff.changes(from: old, to: withNulls) == [])
        #expect(ProfileDiff.changes(from: withNulls, to: old) == [])
    }

    @Test("the PascalCase PUT body and the camelCase response differ only where values differ")
    func pascalVersusCamelCase() throws {
        let put = try JSONValue(parsing: DocumentationExamples.updateBillingProfileRequest)
        let response = try EditPatchTests.profile()
        #expect(ProfileDiff.changes(from: put, to: response)
            == [FieldChange(field: "companyName", oldValue: "CompanyName", newValue: "companyName")])
    }

    @Test("unknown top-level and address members are reported by path, non-strings as JSON text")
    func unknownFields() throws {
        let old = try EditPatchTests.profile(["defaultAddress.floor": .integer(1), "tier": .string("gold")])
        let new = try EditPatchTests.profile(["defaultAddress.floor": .integer(2), "Tier": .string("gold"),
                                              "flags": .object(["vip": .bool(true)])])
        #expect(ProfileDiff.changes(from: old, to: new) == [
            FieldChange(field: "defaultAddress.floor", oldValue: "1", newValue: "2"),
            FieldChange(field: "flags", oldValue: nil, newValue: #"{"vip":true}"#),
        ])
        let removed = try EditPatchTests.profile()
        #expect(ProfileDiff.changes(from: old, to: removed) == [
            FieldChange(field: "defaultAddress.floor", oldValue: "1", newValue: nil),
            FieldChange(field: "tier", oldValue: "gold", newValue: nil),
        ])
    }

    @Test("changes come in documented field order, then unknown paths sorted")
    func order() throws {
        let old = try EditPatchTests.profile()
        let new = try EditPatchTests.profile([
            "zeta": .string("z"), "defaultAddress.city": .string("Seattle"), "email": .string("new@sample.com"),
            "alpha": .string("a"), "defaultAddress.extra": .string("e"), "firstName": .string("Ann"),
        ])
        #expect(ProfileDiff.changes(from: old, to: new).map(\.field)
            == ["firstName", "email", "defaultAddress.city", "alpha", "defaultAddress.extra", "zeta"])
    }

    @Test("strings compare exactly: a change of letter case is a change")
    func caseSensitiveValues() throws {
        let old = try EditPatchTests.profile()
        let new = try EditPatchTests.profile(["defaultAddress.city": .string("REDMOND")])
        #expect(ProfileDiff.changes(from: old, to: new)
            == [FieldChange(field: "defaultAddress.city", oldValue: "Redmond", newValue: "REDMOND")])
    }

    @Test("from nothing, every present field is new")
    func fromNil() throws {
        let changes = ProfileDiff.changes(from: nil, to: try EditPatchTests.profile())
        #expect(changes.count == 15)
        #expect(changes.first == FieldChange(field: "id", oldValue: nil, newValue: "a58ceba5-60ac-48e4-a0bc-2a855811807a"))
        #expect(changes.allSatisfy { $0.oldValue == nil && $0.newValue != nil })
    }

    @Test("textValue: strings as-is, null and absent nil, other JSON as canonical text")
    func textValue() {
        #expect(ProfileDiff.textValue(.string("a \"b\"")) == "a \"b\"")
        #expect(ProfileDiff.textValue(.string("")) == "")
        #expect(ProfileDiff.textValue(nil) == nil)
        #expect(ProfileDiff.textValue(.null) == nil)
        #expect(ProfileDiff.textValue(.integer(42)) == "42")
        #expect(ProfileDiff.textValue(.bool(false)) == "false")
        #expect(ProfileDiff.textValue(.object(["b": .integer(1), "a": .array([.null])])) == #"{"a":[null],"b":1}"#)
    }
}
