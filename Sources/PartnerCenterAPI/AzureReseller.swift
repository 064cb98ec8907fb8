import PartnerCenterModels

/// A reseller for which an Azure plan is enabled for the customer (`properties.resellers[]`).
public struct AzureReseller: Sendable, Hashable {
    /// `resellerId`: the reseller's MPN id.
    public var resellerID: String
    /// `description`: the reseller's name.
    public var description: String?

    /// Creates a reseller.
    public init(resellerID: String, description: String?) {
        self.resellerID = resellerID
        self.description = description
    }

    /// Reads `{resellerId, description}`; nil without a `resellerId`.
    init?(json: JSONValue) {
        guard let id = json.text("resellerId"), !id.isEmpty else { return nil }
        self.init(resellerID: id, description: json.text("description"))
    }
}
