import Foundation
import PartnerCenterModels
@testable import BillingSyncStore

/// Shared test data and a temporary directory per test.
enum StoreFixtures {
    /// The billing profile response example of "Get a customer's billing profile"
    /// (/work/shared/seeds/000_3a3cc793c47a5438.txt), verbatim.
    static let sampleProfileJSON = """
        {
            "id": "<billing-profile-id>",
            "firstName": "FirstName",
            "lastName": "LastName",
            "email": "email@sample.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "CompanyName",
            "defaultAddress": {
                "country": "US",
                "city": "Redmond",
                "state": "WA",
                "addressLine1": "1 Microsoft Way",
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
        """

    /// The sample plus fields this project does not model (top level and in the address).
    static let sampleWithUnknownFieldsJSON: String = {
        var text = sampleProfileJSON
        text = text.replacingOccurrences(of: "\"language\": \"en\",",
                                         with: "\"language\": \"en\",\n    \"vatNumber\": \"DE123\", \"tags\": [1, {\"x\": true}],")
        return text.replacingOccurrences(of: "\"state\": \"WA\",", with: "\"state\": \"WA\",\n \"geo\": {\"lat\": 47.6},")
    }()

    static let alpha = CustomerID("eebd1b55-5360-4438-a11d-5c06918c3014")!
    static let beta = CustomerID("0a1b2c3d-0000-4000-8000-00000000beef")!

    static func customer(_ id: CustomerID, name: String) -> CustomerRecord {
        CustomerRecord(id: id, companyName: name, domain: "\(name.lowercased()).onmicrosoft.com",
                       tenantID: id.rawValue, relationship: "reseller",
                       rawJSON: #"{"id":"\#(id.rawValue)","companyProfile":{"companyName":"\#(name)"}}"#)
    }
}

/// A temporary directory removed when the value is deinitialized.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Path of a file in the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
