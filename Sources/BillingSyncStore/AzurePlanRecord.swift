/// An enabled Azure plan of an ARM customer (a row of `azure_customer_plans`).
public struct AzurePlanRecord: Sendable, Hashable {
    /// `skuId`.
    public var skuID: String
    /// `skuDescription`.
    public var skuDescription: String?

    /// Creates a plan row.
    public init(skuID: String, skuDescription: String?) {
        self.skuID = skuID
        self.skuDescription = skuDescription
    }
}
