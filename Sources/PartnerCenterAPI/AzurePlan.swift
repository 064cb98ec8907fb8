import PartnerCenterModels

/// An Azure plan enabled for a customer (`properties.enabledAzurePlans[]`).
public struct AzurePlan: Sendable, Hashable {
    /// `skuId`, e.g. `0001`.
    public var skuID: String
    /// `skuDescription`, e.g. `Microsoft Azure Plan`.
    public var skuDescription: String?

    /// Creates a plan.
    public init(skuID: String, skuDescription: String?) {
        self.skuID = skuID
        self.skuDescription = skuDescription
    }

    /// Reads `{skuId, skuDescription}`; nil without a `skuId`.
    init?(json: JSONValue) {
        guard let id = json.text("skuId"), !id.isEmpty else { return nil }
        self.init(skuID: id, skuDescription: json.text("skuDescription"))
    }
}
