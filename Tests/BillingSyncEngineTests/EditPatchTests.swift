import Testing
import BillingSyncFixtures
import PartnerCenterModels
@testable import BillingSyncEngine

@Suite("EditPatch: parsing, merge-patch form, applying, coalescing")
struct EditPatchTests {
    @Test("a nested merge patch becomes canonical dotted fields")
    func nestedPatch() throws {
        let patch = try EditPatch.parse(json: #"{"defaultAddress":{"city":"Seattle","addressLine2":null},"firstName":"Ann"}"#)
        #expect(patch.changes == ["defaultAddress.city": .string("Seattle"),
                                  "defaultAddress.addressLine2": .null,
                                  "firstName": .string("Ann")])
    }

    @Test("flat top-level fields and dotted keys are accepted")
    func flatPatch() throws {
        #expect(try EditPatch.parse(json: #"{"companyName":"Contoso"}"#).changes == ["companyName": .string("Contoso")])
        #expect(try EditPatch.parse(json: #"{"defaultAddress.postalCode":"98101"}"#).changes
            == ["defaultAddress.postalCode": .string("98101")])
    }

    @Test("PascalCase keys are mapped to the documented camelCase paths")
    func pascalCase() throws {
        let patch = try EditPatch.parse(json: #"{"DefaultAddress":{"City":"Seattle","PhoneNumber":"1"},"CompanyName":"X"}"#)
        #expect(patch.changes == ["defaultAddress.city": .string("Seattle"),
                                  "defaultAddress.phoneNumber": .string("1"),
                                  "companyName": .string("X")])
    }

    @Test("an unknown field is rejected with the nearest field suggested")
    func unknownFieldSuggestion() throws {
        let error = try parseError(#"{"defaultAddress":{"citty":"Seattle"}}"#)
        #expect(error.code == .unknownField)
        #expect(error.field == "defaultAddress.citty")
        #expect(error.suggestion == "defaultAddress.city")
        #expect(error.message.contains("did you mean defaultAddress.city?"))
        #expect(try parseError(#"{"postcode":"1"}"#).suggestion == "defaultAddress.postalCode")
        #expect(try parseError(#"{"favouriteColour":"red"}"#).suggestion == nil)
    }

    @Test("server-managed members cannot be edited",
          arguments: [#"{"id":"x"}"#, #"{"Attributes":{"etag":"e"}}"#, #"{"attributes.etag":"e"}"#,
                      #"{"links":{"self":{}}}"#, #"{"links":null}"#])
    func notEditable(json: String) throws {
        #expect(try parseError(json).code == .notEditable)
    }

    @Test("values other than strings and null are rejected as wrongType")
    func wrongType() throws {
        let error = try parseError(#"{"defaultAddress":{"city":42}}"#)
        #expect(error.code == .wrongType)
        #expect(error.field == "defaultAddress.city")
        #expect(error.message == "defaultAddress.city must be a string or null, got a number")
        #expect(try parseError(#"{"firstName":{"given":"Ann"}}"#).code == .wrongType)
        #expect(try parseError(#"{"defaultAddress":"1 Main St"}"#).code == .wrongType)
        #expect(try parseError(#"{"defaultAddress":null}"#).code == .wrongType)
        #expect(try parseError(#"{"lastName":true}"#).code == .wrongType)
    }

    @Test("malformed JSON and non-object documents are rejected")
    func invalidDocuments() throws {
        #expect(try parseError(#"{"firstName":"#).code == .invalidJSON)
        #expect(try parseError("firstName=Ann").code == .invalidJSON)
        #expect(try parseError(#"[{"firstName":"Ann"}]"#).code == .notAnObject)
        #expect(try parseError(#""Ann""#).code == .notAnObject)
        #expect(try parseError("null").code == .notAnObject)
    }

    @Test("oversized patches, values and nesting are rejected as tooLarge")
    func tooLarge() throws {
        let huge = #"{"companyName":""# + String(repeating: "a", count: 70_000) + #""}"#
        #expect(try parseError(huge).code == .tooLarge)
        let long = try parseError(#"{"companyName":""# + String(repeating: "é", count: 1025) + #""}"#)
        #expect(long.code == .tooLarge && long.field == "companyName")
        #expect(try EditPatch.parse(json: #"{"companyName":""# + String(repeating: "é", count: 1024) + #""}"#)
            .changes.count == 1)
        let deep = #"{"firstName":"# + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"
        #expect(try parseError(deep).code == .tooLarge)
        #expect(try EditPatch.parse(json: #"{"firstName":"[[[[[[[[[[[[[[["}"#).changes
            == ["firstName": .string("[[[[[[[[[[[[[[[")])
        #expect(try EditPatch.parse(json: #"{"firstName":"\"[[[[[[[[[[\\"}"#).changes
            == ["firstName": .string(#""[[[[[[[[[[\"#)])
    }

    @Test("a patch that changes nothing is rejected", arguments: ["{}", #"{"defaultAddress":{}}"#])
    func empty(json: String) throws {
        #expect(try parseError(json).code == .empty)
    }

    @Test("the same field twice in different case is rejected")
    func duplicateField() throws {
        let error = try parseError(#"{"defaultAddress":{"city":"A","City":"B"}}"#)
        #expect(error.field == "defaultAddress.city")
        #expect(error.message.contains("more than once"))
    }

    @Test("--set assignments: '=' inside values, empty string, :=null, JSON values, later wins")
    func assignments() throws {
        let patch = try EditPatch.parse(assignments: [
            "defaultAddress.city=Seattle", "companyName=A=B Ltd", "defaultAddress.addressLine2=",
            "defaultAddress.addressLine3:=null", #"DefaultAddress.Region:="West""#,
            "firstName=Ann", "firstName=Anna",
        ])
        #expect(patch.changes == [
            "defaultAddress.city": .string("Seattle"), "companyName": .string("A=B Ltd"),
            "defaultAddress.addressLine2": .string(""), "defaultAddress.addressLine3": .null,
            "defaultAddress.region": .string("West"), "firstName": .string("Anna"),
        ])
        #expect(try EditPatch.parse(assignments: [#"defaultAddress:={"city":"Bonn","state":null}"#]).changes
            == ["defaultAddress.city": .string("Bonn"), "defaultAddress.state": .null])
    }

    @Test("--set keeps non-ASCII values verbatim")
    func nonASCIIAssignments() throws {
        let patch = try EditPatch.parse(assignments: ["defaultAddress.city=Zürich", "lastName=山田 太郎", "companyName=Café 🚀"])
        #expect(patch.changes["defaultAddress.city"] == .string("Zürich"))
        #expect(patch.changes["lastName"] == .string("山田 太郎"))
        #expect(patch.changes["companyName"] == .string("Café 🚀"))
    }

    @Test("malformed --set assignments are rejected")
    func invalidAssignments() throws {
        func code(_ arguments: [String]) throws -> EditPatchError.Code {
            try #require(throws: EditPatchError.self) { try EditPatch.parse(assignments: arguments) }.code
        }
        #expect(try code(["defaultAddress.city"]) == .invalidAssignment)
        #expect(try code(["=Seattle"]) == .invalidAssignment)
        #expect(try code(["defaultAddress.city:=Seattle"]) == .invalidAssignment)
        #expect(try code(["defaultAddress.city:=5"]) == .wrongType)
        #expect(try code(["id=abc"]) == .notEditable)
        #expect(try code([]) == .empty)
        let typo = try #require(throws: EditPatchError.self) { try EditPatch.parse(assignments: ["defaultAdress.city=X"]) }
        #expect(typo.code == .unknownField && typo.suggestion == "defaultAddress.city")
    }

    @Test("mergePatchJSON gives the nested form, which parses back to the same patch")
    func mergePatchRoundTrip() throws {
        let patch = EditPatch(changes: ["defaultAddress.city": .string("Seattle"),
                                        "defaultAddress.addressLine2": .null, "email": .string("a@b.example")])
        let json = patch.mergePatchJSON()
        #expect(json == .object(["email": .string("a@b.example"),
                                 "defaultAddress": .object(["city": .string("Seattle"), "addressLine2": .null])]))
        #expect(try EditPatch.parse(json: json.canonicalText()) == patch)
        #expect(try EditPatch.parse(mergePatch: json) == patch)
    }

    @Test("applied(to:) updates the seed's PascalCase PUT body in place and keeps everything else")
    func appliedKeepsPascalCaseAndUnknownFields() throws {
        var original = try JSONValue(parsing: DocumentationExamples.updateBillingProfileRequest)
        original.setValue(.string("kept"), atPath: "ExtraField")
        original.setValue(.integer(7), atPath: "DefaultAddress.Floor")
        let patch = try EditPatch.parse(assignments: ["defaultAddress.city=Seattle", "defaultAddress.region:=null",
                                                      "firstName=Ann", "defaultAddress.district=King"])
        let result = patch.applied(to: original)
        let address = try #require(result.objectValue?["DefaultAddress"]?.objectValue)
        #expect(address["City"] == .string("Seattle"))
        #expect(address["city"] == nil)
        #expect(!address.keys.contains("Region"))
        #expect(address["district"] == .string("King"))
        #expect(address["Floor"] == .integer(7))
        #expect(address["PhoneNumber"] == .string("4255555555"))
        #expect(address["AddressLine2"] == .null)
        #expect(result.objectValue?["FirstName"] == .string("Ann"))
        #expect(result.objectValue?["firstName"] == nil)
        #expect(result.objectValue?["ExtraField"] == .string("kept"))
        #expect(result.objectValue?["Links"] == original.objectValue?["Links"])
        #expect(result.objectValue?["Attributes"] == original.objectValue?["Attributes"])
        #expect(ProfileDiff.changes(from: original, to: result).map(\.field)
            == ["firstName", "defaultAddress.city", "defaultAddress.district"])
    }

    @Test("applied(to:) on a non-object starts from an empty object (RFC 7396)")
    func appliedToNonObject() {
        let patch = EditPatch(changes: ["defaultAddress.city": .string("Oslo"), "email": .null])
        #expect(patch.applied(to: .null) == .object(["defaultAddress": .object(["city": .string("Oslo")])]))
    }

    @Test("coalescing: the later edit wins per field and other fields are kept")
    func coalescing() {
        let first = EditPatch(changes: ["defaultAddress.city": .string("A"), "firstName": .string("X")])
        let second = EditPatch(changes: ["defaultAddress.city": .string("B"), "lastName": .null])
        #expect(first.coalesced(with: second).changes
            == ["defaultAddress.city": .string("B"), "firstName": .string("X"), "lastName": .null])
        #expect(second.coalesced(with: first).changes["defaultAddress.city"] == .string("A"))
    }

    private func parseError(_ json: String) throws -> EditPatchError {
        try #require(throws: EditPatchError.self) { try EditPatch.parse(json: json) }
    }
}

