import Testing
import PartnerCenterModels
@testable import BillingSyncEngine

@Suite("EditValidator: documented limits on the edit and on the profile it produces")
struct EditValidatorTests {
    private func problems(_ assignments: [String], base: JSONValue? = nil) throws -> [String] {
        let patch = try EditPatch.parse(assignments: assignments)
        return EditValidator.problems(patch: patch, appliedTo: try base ?? EditPatchTests.profile())
    }

    @Test("a valid edit has no problems")
    func validEdit() throws {
        #expect(try problems(["defaultAddress.city=Seattle", "defaultAddress.addressLine2=Suite 100",
                              "email=billing@contoso.example", "defaultAddress.region:=null"]) == [])
        #expect(EditValidator.problems(patch: try EditPatch.parse(assignments: ["companyName=Contoso"]),
                                       appliedTo: nil) == [])
    }

    @Test("country must be exactly 2 characters")
    func countryUSA() throws {
        #expect(try problems(["defaultAddress.country=USA"])
            == ["defaultAddress.country must be exactly 2 characters (got 3)"])
    }

    @Test("state is at most 2 characters")
    func stateWAS() throws {
        #expect(try problems(["defaultAddress.state=WAS"]) == ["defaultAddress.state must be at most 2 characters (got 3)"])
    }

    @Test("addressLine1 must be 1 to 200 characters")
    func addressLine1Limits() throws {
        #expect(try problems(["defaultAddress.addressLine1="])
            == ["defaultAddress.addressLine1 must be at least 1 characters (got 0)"])
        #expect(try problems(["defaultAddress.addressLine1=" + String(repeating: "x", count: 201)])
            == ["defaultAddress.addressLine1 must be at most 200 characters (got 201)"])
        #expect(try problems(["defaultAddress.addressLine1=" + String(repeating: "x", count: 200)]) == [])
        #expect(try problems(["defaultAddress.addressLine1:=null"]) == ["defaultAddress.addressLine1 is required"])
    }

    @Test("the address first name is at most 50 characters")
    func addressFirstName() throws {
        #expect(try problems(["defaultAddress.firstName=" + String(repeating: "ä", count: 51)])
            == ["defaultAddress.firstName must be at most 50 characters (got 51)"])
        #expect(try problems(["defaultAddress.firstName=" + String(repeating: "ä", count: 50)]) == [])
    }

    @Test("moving to RU needs a phone number, whether the base lacks it or the edit clears it")
    func russiaNeedsPhone() throws {
        var withoutPhone = try EditPatchTests.profile()
        withoutPhone = EditPatch(changes: ["defaultAddress.phoneNumber": .null]).applied(to: withoutPhone)
        let expected = ["defaultAddress.phoneNumber is required for customers in RU"]
        #expect(try problems(["defaultAddress.country=RU"], base: withoutPhone) == expected)
        #expect(try problems(["defaultAddress.country=RU", "defaultAddress.phoneNumber="]) == expected)
        #expect(try problems(["defaultAddress.country=RU"]) == [])
        #expect(try problems(["defaultAddress.country=RU", "defaultAddress.phoneNumber=+7 495 000 00 00"],
                             base: withoutPhone) == [])
    }

    @Test("without a base only per-field rules can be checked")
    func withoutBase() throws {
        let patch = try EditPatch.parse(assignments: ["defaultAddress.country=USA", "email=not-an-email"])
        #expect(EditValidator.problems(patch: patch, appliedTo: nil) == [
            "email is not an email address: \"not-an-email\"",
            "defaultAddress.country must be exactly 2 characters (got 3)",
        ])
    }

    @Test("hand-built patches with server-managed, unknown or no fields are reported")
    func handBuiltPatches() {
        let patch = EditPatch(changes: ["id": .string("x"), "nickname": .string("y")])
        #expect(EditValidator.problems(patch: patch, appliedTo: nil)
            == ["id is managed by Partner Center and cannot be edited", "nickname is not a documented billing-profile field"])
        #expect(EditValidator.problems(patch: EditPatch(changes: [:]), appliedTo: nil) == ["the edit changes no field"])
        #expect(EditValidator.problems(patch: EditPatch(changes: ["firstName": .integer(3)]), appliedTo: nil)
            == ["firstName must be a string"])
    }

    @Test("problems already in the base profile are reported, each once")
    func baseProblems() throws {
        let base = try EditPatchTests.profile(["defaultAddress.lastName": .null])
        #expect(try problems(["firstName=Ann"], base: base) == ["defaultAddress.lastName is required"])
        #expect(try problems(["defaultAddress.state=WAS"], base: base)
            == ["defaultAddress.state must be at most 2 characters (got 3)", "defaultAddress.lastName is required"])
    }
}
