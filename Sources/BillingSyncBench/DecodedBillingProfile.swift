/// The micro-benchmark's Foundation baseline for parsing: a billing profile decoded by
/// `JSONDecoder` into a concrete `Decodable` type with the documented fields. The daemon cannot
/// use it (it keeps the full resource as received, unknown fields too); it shows what the
/// direct parser into `JSONValue` costs against the cheapest Foundation path.
struct DecodedBillingProfile: Decodable {
    struct Address: Decodable {
        var country: String?
        var region: String?
        var city: String?
        var state: String?
        var district: String?
        var addressLine1: String?
        var addressLine2: String?
        var addressLine3: String?
        var postalCode: String?
        var firstName: String?
        var middleName: String?
        var lastName: String?
        var phoneNumber: String?
        var emailAddress: String?
    }

    struct Attributes: Decodable {
        var etag: String?
        var objectType: String?
    }

    var id: String?
    var firstName: String?
    var lastName: String?
    var email: String?
    var culture: String?
    var language: String?
    var companyName: String?
    var defaultAddress: Address?
    var attributes: Attributes?
}
