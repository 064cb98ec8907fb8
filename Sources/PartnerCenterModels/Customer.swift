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
    /// The resource's JSON text exactly as received, when it is known (a list page's item, a
    /// get-by-id body); nil for a customer read from a parsed value alone.
    public var receivedText: String?

    /// Reads a customer object; its `id` must be a GUID. `receivedText` is the object's text as
    /// received, when known.
    public init(json: JSONValue, receivedText: String? = nil) throws(ModelDecodingError) {
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
        self.receivedText = receivedText
    }
}
