import PartnerCenterModels

/// One customer of the partner as listed by `GET /v1/customers` (a row of `customers`).
public struct CustomerRecord: Sendable, Hashable {
    /// The customer's tenant id.
    public var id: CustomerID
    /// `companyProfile.companyName`.
    public var companyName: String?
    /// `companyProfile.domain`.
    public var domain: String?
    /// `companyProfile.tenantId`.
    public var tenantID: String?
    /// `relationshipToPartner`, e.g. `reseller`.
    public var relationship: String?
    /// The list item exactly as received.
    public var rawJSON: String

    /// Creates a record from its parts.
    public init(id: CustomerID, companyName: String?, domain: String?, tenantID: String?,
                relationship: String?, rawJSON: String) {
        self.id = id
        self.companyName = companyName
        self.domain = domain
        self.tenantID = tenantID
        self.relationship = relationship
        self.rawJSON = rawJSON
    }
}
