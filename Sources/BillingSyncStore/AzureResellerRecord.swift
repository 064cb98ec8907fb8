/// A reseller of an ARM customer (a row of `azure_customer_resellers`).
public struct AzureResellerRecord: Sendable, Hashable {
    /// `resellerId` (MPN id).
    public var resellerID: String
    /// `description` (the reseller's name).
    public var description: String?

    /// Creates a reseller row.
    public init(resellerID: String, description: String?) {
        self.resellerID = resellerID
        self.description = description
    }
}
