import PartnerCenterModels
/// Profiles from the "Update a customer's billing profile" page (`/work/shared/seeds/002_*.txt`),
/// shared by the edit tests.
extension EditPatchTests {
    /// The request example: the PascalCase full resource sent with PUT (verbatim).
    static let seedPutBody = #"""
    {
        "Id": "a58ceba5-60ac-48e4-a0bc-2a855811807a",
        "FirstName": "FirstName",
        "LastName": "LastName",
        "Email": "email@sample.com",
        "Culture": "en-US",
        "Language": "en",
        "CompanyName": "CompanyName",
        "DefaultAddress": {
            "Country": "US",
            "Region": null,
            "City": "Redmond",
            "State": "WA",
            "AddressLine1": "One Microsoft Way",
            "AddressLine2": null,
            "PostalCode": "98052",
            "FirstName": "FirstName",
            "LastName": "LastName",
            "PhoneNumber": "4255555555"
        },
        "Links": {
            "Self": {
                "Uri": "/v1/customers/<customer-tenant-id>/profiles/billing",
                "Method": "GET",
                "Headers": []
            }
        },
        "Attributes": {
            "Etag": "<etag>",
            "ObjectType": "CustomerBillingProfile"
        }
    }
    """#

    /// The response example: the camelCase resource the service returns (verbatim).
    static let seedResponseBody = #"""
    {
        "id": "a58ceba5-60ac-48e4-a0bc-2a855811807a",
        "firstName": "FirstName",
        "lastName": "LastName",
        "email": "email@sample.com",
        "culture": "en-US",
        "language": "en",
        "companyName": "companyName",
        "defaultAddress": {
            "country": "US",
            "city": "Redmond",
            "state": "WA",
            "addressLine1": "One Microsoft Way",
            "postalCode": "98052",
            "firstName": "FirstName",
            "lastName": "LastName",
            "phoneNumber": "4255555555"
        },
        "links": {
            "self": {
                "uri": "/v1/customers/<customer-tenant-id>/profiles/billing",
                "method": "GET",
                "headers": []
            }
        },
        "attributes": {
            "etag": "<etag>",
            "objectType": "CustomerBillingProfile"
        }
    }
    """#

    /// The response example parsed, optionally with fields set (dotted path → value).
    static func profile(_ changes: [String: JSONValue] = [:]) throws -> JSONValue {
        var resource = try JSONValue(parsing: seedResponseBody)
        for (path, value) in changes { resource.setValue(value, atPath: path) }
        return resource
    }
}
