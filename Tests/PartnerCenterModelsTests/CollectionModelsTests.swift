import Foundation
import PartnerCenterModels
import Testing

@Suite struct CollectionModelsTests {
    @Test func customerListExampleDecodes() throws {
        let json = try JSONValue(parsing: """
        { "totalCount": 2, "items": [{ "id": "b44bb1fb-c595-45b0-9e09-d657365580bf",
            "companyProfile": { "tenantId": "b44bb1fb-c595-45b0-9e09-d657365580bf", "domain": "domain",
              "companyName": "companyName", "attributes": { "objectType": "CustomerCompanyProfile" } },
            "relationshipToPartner": "reseller", "attributes": { "objectType": "Customer" } }],
          "links": { "self": { "uri": "/v1/customers?size=40", "method": "GET", "headers": [] },
                     "next": { "uri": "/customers?size=40&seekOperation=Next", "method": "GET",
                               "headers": [ { "key": "MS-ContinuationToken", "value": "abc,def=" } ] } },
          "continuationToken": "abc,def=",
          "attributes": { "objectType": "Collection" } }
        """)
        let page = try ResourceCollection(json: json) { try Customer(json: $0) }
        #expect(page.totalCount == 2)
        #expect(page.items.map(\.id.rawValue) == ["b44bb1fb-c595-45b0-9e09-d657365580bf"])
        #expect(page.items.first?.companyProfile?.domain == "domain")
        #expect(page.items.first?.relationshipToPartner == "reseller")
        #expect(page.items.first?.billingProfile == nil)
        #expect(page.next == ResourceLink(uri: "/customers?size=40&seekOperation=Next", method: "GET",
                                          headers: [LinkHeader(key: "MS-ContinuationToken", value: "abc,def=")]))
        #expect(page.continuationToken == "abc,def=")
    }

    @Test func lastPageHasNoNextAndNullItemsAreEmpty() throws {
        let page = try ResourceCollection(json: try JSONValue(parsing: #"{"Items":null,"Links":{"Self":{"Uri":"/x"},"Next":null}}"#)) { $0 }
        #expect(page.items.isEmpty)
        #expect(page.next == nil)
        #expect(page.totalCount == nil)
    }

    @Test func customerByIDCarriesProfilesAndRejectsBadIDs() throws {
        let json = try JSONValue(parsing: """
        { "Id": "EEBD1B55-5360-4438-A11D-5C06918C3014", "CompanyProfile": { "TenantId": "t", "Email": "a@a.com",
            "Address": { "Country": "US", "City": "redmond" } },
          "BillingProfile": { "FirstName": "F", "Attributes": { "Etag": "-1" } }, "AllowDelegatedAccess": true }
        """)
        let customer = try Customer(json: json)
        #expect(customer.id.rawValue == "eebd1b55-5360-4438-a11d-5c06918c3014")
        #expect(customer.companyProfile?.email == "a@a.com")
        #expect(customer.companyProfile?.address?.city == "redmond")
        #expect(customer.billingProfile?.etag == "-1")
        #expect(customer.resource[member: "allowDelegatedAccess"] == .bool(true))
        #expect(throws: ModelDecodingError.self) { try Customer(json: .object(["id": .string("../etc")])) }
        #expect(throws: ModelDecodingError.self) { try Customer(json: .object([:])) }
    }

    @Test func auditRecordDecodesWithSerializedNewValue() throws {
        let json = try JSONValue(parsing: """
        { "partnerId": "p", "customerId": "b44bb1fb-c595-45b0-9e09-d657365580bf", "resourceType": "CustomerBillingProfile",
          "resourceNewValue": "{\\"DefaultAddress\\":{\\"City\\":\\"Seattle\\",\\"AddressLine3\\":null}}",
          "operationType": "update_customer_billing_profile", "operationDate": "2015-11-23T18:20:43.6565467Z",
          "operationStatus": "succeeded", "originalCorrelationId": "c1", "unknownField": 1 }
        """)
        let record = try AuditRecord(json: json)
        #expect(record.customerID?.rawValue == "b44bb1fb-c595-45b0-9e09-d657365580bf")
        #expect(record.operationType == "update_customer_billing_profile")
        #expect(record.operationStatus == "succeeded")
        #expect(record.resourceNewValue?.value(atPath: "defaultAddress.city") == .string("Seattle"))
        let date = try #require(record.operationDate)
        #expect(abs(date.timeIntervalSince1970 - 1_448_302_843.6565467) < 0.001)
        #expect(record.resource[member: "unknownField"] == .integer(1))
    }

    @Test func auditDatesInOtherForms() {
        #expect(AuditRecord.parseDate("2024-05-01")?.timeIntervalSince1970 == 1_714_521_600)
        #expect(AuditRecord.parseDate("2024-05-01T02:00:00+02:00")?.timeIntervalSince1970 == 1_714_521_600)
        #expect(AuditRecord.parseDate("2024-05-01T00:00:00") != nil)
        #expect(AuditRecord.parseDate("yesterday") == nil)
    }
}
