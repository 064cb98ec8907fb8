import PartnerCenterModels

/// A partner's customer as ARM returns it (`Microsoft.Billing/billingAccounts/customers`).
/// `enabledAzurePlans` and `resellers` are nil when the response did not carry them (no `$expand`).
public struct AzureCustomer: Sendable, Hashable {
    /// `id`: the resource id, `/providers/Microsoft.Billing/billingAccounts/{a}/customers/{c}`.
    public var resourceID: String
    /// `name`: the customer name (a GUID, the Partner Center customer id).
    public var name: String
    /// `type`.
    public var type: String?
    /// `properties.displayName`.
    public var displayName: String?
    /// `properties.billingProfileId`.
    public var billingProfileID: String?
    /// `properties.billingProfileDisplayName`.
    public var billingProfileDisplayName: String?
    /// `properties.enabledAzurePlans`, nil when absent.
    public var enabledAzurePlans: [AzurePlan]?
    /// `properties.resellers`, nil when absent.
    public var resellers: [AzureReseller]?
    /// The resource as received, parsed.
    public var resource: JSONValue
    /// The resource's JSON text exactly as received, when it is known (a list page's element, a
    /// get-by-name body); nil for a customer read from a parsed value alone.
    public var receivedText: String?

    /// Reads a customer resource; `name` is required. `receivedText` is the resource's text as
    /// received, when known.
    public init(json: JSONValue, receivedText: String? = nil) throws(ModelDecodingError) {
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "Customer", reason: "not a JSON object")
        }
        guard let name = json.text("name"), !name.isEmpty else {
            throw ModelDecodingError(resource: "Customer", reason: "no name")
        }
        let properties = json.object("properties") ?? .object([:])
        self.name = name
        resourceID = json.text("id") ?? ""
        type = json.text("type")
        displayName = properties.text("displayName")
        billingProfileID = properties.text("billingProfileId")
        billingProfileDisplayName = properties.text("billingProfileDisplayName")
        enabledAzurePlans = properties[member: "enabledAzurePlans"]?.arrayValue?.compactMap(AzurePlan.init(json:))
        resellers = properties[member: "resellers"]?.arrayValue?.compactMap(AzureReseller.init(json:))
        resource = json
        self.receivedText = receivedText
    }
}
