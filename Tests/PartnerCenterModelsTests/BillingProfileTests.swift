import Foundation
import PartnerCenterModels
import Testing

/// The two documented wire forms of a billing profile (from the update-billing-profile seed).
enum SeedProfiles {
    static let pascalCasePUT = """
    { "Id": "a58ceba5-60ac-48e4-a0bc-2a855811807a", "FirstName": "FirstName", "LastName": "LastName",
      "Email": "email@sample.com", "Culture": "en-US", "Language": "en", "CompanyName": "CompanyName",
      "DefaultAddress": { "Country": "US", "Region": null, "City": "Redmond", "State": "WA",
        "AddressLine1": "One Microsoft Way", "AddressLine2": null, "PostalCode": "98052",
        "FirstName": "FirstName", "LastName": "LastName", "PhoneNumber": "4255555555" },
      "Links": { "Self": { "Uri": "/v1/customers/<customer-tenant-id>/profiles/billing", "Method": "GET", "Headers": [] } },
      "Attributes": { "Etag": "<etag>", "ObjectType": "CustomerBillingProfile" } }
    """
    static let camelCaseResponse = """
    { "id": "a58ceba5-60ac-48e4-a0bc-2a855811807a", "firstName": "FirstName", "lastName": "LastName",
      "email": "email@sample.com", "culture": "en-US", "language": "en", "companyName": "companyName",
      "defaultAddress": { "country": "US", "city": "Redmond", "state": "WA", "addressLine1": "One Microsoft Way",
        "postalCode": "98052", "firstName": "FirstName", "lastName": "LastName", "phoneNumber": "4255555555" },
      "links": { "self": { "uri": "/v1/customers/<customer-tenant-id>/profiles/billing", "method": "GET", "headers": [] } },
      "attributes": { "etag": "-4242348048554929329", "objectType": "CustomerBillingProfile" } }
    """
}

@Suite struct BillingProfileTests {
    @Test func pascalCaseRequestExampleDecodes() throws {
        let profile = try BillingProfile(data: Data(SeedProfiles.pascalCasePUT.utf8))
        #expect(profile.id == "a58ceba5-60ac-48e4-a0bc-2a855811807a")
        #expect(profile.companyName == "CompanyName")
        #expect(profile.etag == "<etag>")
        #expect(profile.objectType == "CustomerBillingProfile")
        let address = try #require(profile.defaultAddress)
        #expect(address.city == "Redmond")
        #expect(address.region == nil)
        #expect(address.addressLine2 == nil)
        #expect(address.phoneNumber == "4255555555")
        #expect(profile.selfLink?.uri == "/v1/customers/<customer-tenant-id>/profiles/billing")
        #expect(profile.rawData == Data(SeedProfiles.pascalCasePUT.utf8))
    }

    @Test func camelCaseResponseExampleDecodes() throws {
        let profile = try BillingProfile(data: Data(SeedProfiles.camelCaseResponse.utf8))
        #expect(profile.firstName == "FirstName")
        #expect(profile.email == "email@sample.com")
        #expect(profile.etag == "-4242348048554929329")
        #expect(profile.defaultAddress?.addressLine1 == "One Microsoft Way")
        #expect(profile.defaultAddress?.middleName == nil)
        #expect(profile.field(BillingProfileField.named("defaultAddress.postalCode")!) == .string("98052"))
    }

    @Test func everyAddressFieldIsRead() throws {
        let json = try JSONValue(parsing: """
        {"Id":"a1","Country":"US","Region":"r","City":"c","State":"WA","District":"d","AddressLine1":"l1",
         "AddressLine2":"l2","AddressLine3":"l3","PostalCode":"p","FirstName":"f","MiddleName":"m",
         "LastName":"l","EmailAddress":"e@x.com","PhoneNumber":"1"}
        """)
        let address = Address(json: json)
        #expect([address.id, address.country, address.region, address.city, address.state, address.district,
                 address.addressLine1, address.addressLine2, address.addressLine3, address.postalCode,
                 address.firstName, address.middleName, address.lastName, address.emailAddress, address.phoneNumber]
                == ["a1", "US", "r", "c", "WA", "d", "l1", "l2", "l3", "p", "f", "m", "l", "e@x.com", "1"])
    }

    @Test func withETagKeepsKeyCaseAndUnknownFields() throws {
        var resource = try JSONValue(parsing: SeedProfiles.pascalCasePUT)
        resource.setValue(.string("kept"), atPath: "SomethingNew.Inner")
        let updated = BillingProfile(resource: resource).withETag("\"new\"-1")
        #expect(updated.resource[member: "Attributes"]?.objectValue?["Etag"] == .string("\"new\"-1"))
        #expect(updated.resource.objectValue?["attributes"] == nil)
        #expect(updated.resource.value(atPath: "SomethingNew.Inner") == .string("kept"))
        #expect(updated.rawData == nil)
    }

    @Test func withETagAddsAttributesWhenMissing() {
        let profile = BillingProfile(resource: .object(["firstName": .string("A")])).withETag("e1")
        #expect(profile.etag == "e1")
    }

    @Test func numericETagReadsAsText() throws {
        let profile = try BillingProfile(data: Data(#"{"attributes":{"etag":-2279334701316321663}}"#.utf8))
        #expect(profile.etag == "-2279334701316321663")
    }

    @Test func nonObjectBodiesAreRejected() {
        #expect(throws: ModelDecodingError.self) { try BillingProfile(data: Data("[1,2]".utf8)) }
        #expect(throws: ModelDecodingError.self) { try BillingProfile(data: Data("{\"a\":".utf8)) }
    }

    @Test func equalityIgnoresRawBytes() throws {
        let spaced = try BillingProfile(data: Data(#"{ "a" : 1 }"#.utf8))
        let compact = try BillingProfile(data: Data(#"{"a":1}"#.utf8))
        #expect(spaced == compact)
        #expect(spaced != BillingProfile(resource: .object(["a": .integer(2)])))
    }
}
