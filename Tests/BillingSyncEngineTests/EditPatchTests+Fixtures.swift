import BillingSyncFixtures
import PartnerCenterModels

/// The response example of "Update a customer's billing profile" (seed 002), shared by the edit tests.
extension EditPatchTests {
    /// The response example parsed, optionally with fields set (dotted path → value).
    static func profile(_ changes: [String: JSONValue] = [:]) throws -> JSONValue {
        var resource = try JSONValue(parsing: DocumentationExamples.updateBillingProfileResponse)
        for (path, value) in changes { resource.setValue(value, atPath: path) }
        return resource
    }
}
