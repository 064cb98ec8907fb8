import PartnerCenterModels

/// One customer as the emulator stores it (the store's `CustomerRecord` is a mirrored row: another thing).
struct EmulatedCustomer: Sendable {
    /// Customer (tenant) id.
    let id: CustomerID
    /// Commerce id shown by get-by-ID.
    let commerceID: String
    /// Domain, e.g. `contoso1234.onmicrosoft.com`.
    let domain: String
    /// `companyProfile` without `links`/`attributes` (added when rendered).
    var companyProfile: JSONValue
    /// Billing profile in camelCase, without `links`/`attributes` (server-managed, added when rendered).
    var billingProfile: JSONValue
    /// Current opaque etag (a random Int64 as text, like `-4242348048554929329`).
    var etag: String

    /// The billing profile as the API returns it.
    func renderedBillingProfile() -> JSONValue {
        var profile = billingProfile
        profile.setValue(.object([
            "self": Self.link("/v1/customers/\(id.rawValue)/profiles/billing"),
        ]), atPath: "links")
        profile.setValue(.object(["etag": .string(etag), "objectType": .string("CustomerBillingProfile")]), atPath: "attributes")
        return profile
    }

    /// The customer as a list item (`companyProfile`, no `billingProfile`) or by ID (everything).
    func renderedCustomer(detailed: Bool) -> JSONValue {
        var company = companyProfile
        company.setValue(.object(["self": Self.link("/customers/\(id.rawValue)/profiles/company")]), atPath: "links")
        company.setValue(.object(["objectType": .string("CustomerCompanyProfile")]), atPath: "attributes")
        var members: [String: JSONValue] = [
            "id": .string(id.rawValue),
            "companyProfile": company,
            "relationshipToPartner": .string("reseller"),
            "attributes": .object(["objectType": .string("Customer")]),
        ]
        if detailed {
            members["commerceId"] = .string(commerceID)
            members["billingProfile"] = renderedBillingProfile()
            members["allowDelegatedAccess"] = .bool(true)
            members["customDomains"] = .array([.string(domain)])
            members["links"] = .object(["self": Self.link("/customers/\(id.rawValue)")])
        }
        return .object(members)
    }

    /// A documented `Link` object.
    static func link(_ uri: String, headers: [(String, String)] = []) -> JSONValue {
        .object([
            "uri": .string(uri),
            "method": .string("GET"),
            "headers": .array(headers.map { .object(["key": .string($0.0), "value": .string($0.1)]) }),
        ])
    }
}
