/// A customer's company profile (`CustomerCompanyProfile`).
public struct CompanyProfile: Sendable {
    /// The customer's Entra ID tenant.
    public var tenantID: String?
    /// The customer's primary domain.
    public var domain: String?
    /// The company name.
    public var companyName: String?
    /// The company email.
    public var email: String?
    /// The company address, when present (get-by-id only).
    public var address: Address?
    /// `organizationRegistrationNumber`, when present.
    public var organizationRegistrationNumber: String?
    /// The whole resource as received.
    public var resource: JSONValue

    /// Reads a company profile object (camelCase or PascalCase keys).
    public init(json: JSONValue) {
        tenantID = json.text("tenantId")
        domain = json.text("domain")
        companyName = json.text("companyName")
        email = json.text("email")
        address = json.object("address").map(Address.init(json:))
        organizationRegistrationNumber = json.text("organizationRegistrationNumber")
        resource = json
    }
}
