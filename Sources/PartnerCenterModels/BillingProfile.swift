import Foundation

/// A customer's billing profile (`CustomerBillingProfile`), kept as the full resource so that a
/// PUT sends back every field, including ones this project does not model.
public struct BillingProfile: Sendable, Equatable {
    /// The whole resource as received (or as edited).
    public var resource: JSONValue
    /// The exact bytes received from the service; nil once the resource was built or edited locally.
    public private(set) var rawData: Data?

    /// Wraps a resource (which should be a JSON object).
    public init(resource: JSONValue) {
        self.resource = resource
        self.rawData = nil
    }

    /// Parses a response body; it must be a JSON object. Keys may be camelCase or PascalCase.
    public init(data: Data) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw ModelDecodingError(resource: "CustomerBillingProfile", reason: "not valid JSON")
        }
        guard value.objectValue != nil else {
            throw ModelDecodingError(resource: "CustomerBillingProfile", reason: "not a JSON object")
        }
        self.resource = value
        self.rawData = data
    }

    /// Wraps a response already parsed into `resource`, keeping its exact bytes (no second parse).
    public init(parsed resource: JSONValue, rawData: Data) throws {
        guard resource.objectValue != nil else {
            throw ModelDecodingError(resource: "CustomerBillingProfile", reason: "not a JSON object")
        }
        self.resource = resource
        self.rawData = rawData
    }

    /// Equal when the resources are equal (the raw bytes are not compared).
    public static func == (lhs: BillingProfile, rhs: BillingProfile) -> Bool {
        lhs.resource == rhs.resource
    }

    /// `attributes.etag` (keys matched ignoring case), as text.
    public var etag: String? {
        resource.object("attributes")?.text("etag")
    }

    /// A copy whose `attributes.etag` is `etag`, keeping the existing spelling of the keys
    /// (`Attributes.Etag` stays PascalCase).
    public func withETag(_ etag: String) -> BillingProfile {
        var copy = BillingProfile(resource: resource)
        copy.resource.setValue(.string(etag), atPath: "attributes.etag")
        return copy
    }

    /// The value of one documented field (nil when absent).
    public func field(_ field: BillingProfileField) -> JSONValue? {
        resource.value(atPathComponents: field.pathComponents)
    }

    /// The profile id.
    public var id: String? { resource.text("id") }
    /// The billing contact's first name.
    public var firstName: String? { resource.text("firstName") }
    /// The billing contact's last name.
    public var lastName: String? { resource.text("lastName") }
    /// The billing contact's email address.
    public var email: String? { resource.text("email") }
    /// Preferred culture, e.g. `en-US`.
    public var culture: String? { resource.text("culture") }
    /// Preferred language, e.g. `en`.
    public var language: String? { resource.text("language") }
    /// The company name on the profile.
    public var companyName: String? { resource.text("companyName") }
    /// The address bills are sent to.
    public var defaultAddress: Address? { resource.object("defaultAddress").map(Address.init(json:)) }
    /// `links.self`.
    public var selfLink: ResourceLink? {
        resource.object("links")?.object("self").flatMap(ResourceLink.init(json:))
    }
    /// `attributes.objectType`, e.g. `CustomerBillingProfile`.
    public var objectType: String? { resource.object("attributes")?.text("objectType") }
}
