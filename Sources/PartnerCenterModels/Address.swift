/// A postal address as Partner Center sends it (`defaultAddress` of a billing profile, `address`
/// of a company profile). Every field of the reference is read; all are optional because absent
/// and `null` members are both common.
public struct Address: Sendable, Hashable {
    public var id: String?
    public var country: String?
    public var region: String?
    public var city: String?
    public var state: String?
    public var district: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var addressLine3: String?
    public var postalCode: String?
    public var firstName: String?
    public var middleName: String?
    public var lastName: String?
    public var emailAddress: String?
    public var phoneNumber: String?

    /// Reads an address object with camelCase or PascalCase keys.
    public init(json: JSONValue) {
        id = json.text("id")
        country = json.text("country")
        region = json.text("region")
        city = json.text("city")
        state = json.text("state")
        district = json.text("district")
        addressLine1 = json.text("addressLine1")
        addressLine2 = json.text("addressLine2")
        addressLine3 = json.text("addressLine3")
        postalCode = json.text("postalCode")
        firstName = json.text("firstName")
        middleName = json.text("middleName")
        lastName = json.text("lastName")
        emailAddress = json.text("emailAddress")
        phoneNumber = json.text("phoneNumber")
    }
}
