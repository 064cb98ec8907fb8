/// A Partner Center customer as returned by the list or get-by-id calls.
public struct Customer: Sendable {
    /// The customer (tenant) id.
    public var id: CustomerID
    /// The company profile (list items carry it).
    public var companyProfile: CompanyProfile?
    /// `none`, `reseller`, `advisor`, … as sent.
    public var relationshipToPartner: String?
    /// The billing profile (get-by-id only; list items do not carry it).
    public var billingProfile: BillingProfile?
    /// The whole resource as received.
    public var resource: JSONValue

    /// Reads a customer object; its `id` must be a GUID.
    public init(json: JSONValue) throws(ModelDecodingError) {
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "Customer", reason: "not a JSON object")
        }
        guard let text = json.text("id") else {
            throw ModelDecodingError(resource: "Customer", reason: "id is missing")
        }
        guard let id = CustomerID(text) else {
            throw ModelDecodingError(resource: "Customer", reason: "id \(text.debugDescription) is not a GUID")
        }
        self.id = id
        companyProfile = json.object("companyProfile").map(CompanyProfile.init(json:))
        relationshipToPartner = json.text("relationshipToPartner")
        billingProfile = json.object("billingProfile").map(BillingProfile.init(resource:))
        resource = json
    }
}
