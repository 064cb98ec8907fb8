import Foundation

/// A customer's billing profile (`CustomerBillingProfile`), kept as the full resource so that a
/// PUT sends back every field, including ones this project does not model.
public struct BillingProfile: Sendable, Equatable {
    /// The resource, or the bytes it is parsed from on first use.
    private enum Content: Sendable {
        case parsed(JSONValue)
        case deferred(DeferredProfileBody)
    }

    private var content: Content
    /// The exact bytes received from the service; nil once the resource was built or edited locally.
    public private(set) var rawData: Data?

    /// The whole resource as received (or as edited). A profile made with `init(unparsed:)` parses
    /// its bytes on the first read (once, shared by its copies); if they are not a JSON object the
    /// resource reads as `.null` — call `parsed()` first wherever that can be.
    public var resource: JSONValue {
        get {
            switch content {
            case .parsed(let resource): resource
            case .deferred(let body): (try? body.parse().get()) ?? .null
            }
        }
        set { content = .parsed(newValue) }
    }

    /// Wraps a resource (which should be a JSON object).
    public init(resource: JSONValue) {
        content = .parsed(resource)
        rawData = nil
    }

    /// Parses a response body; it must be a JSON object. Keys may be camelCase or PascalCase.
    public init(data: Data) throws {
        content = .parsed(try Self.parseObject(data))
        rawData = data
    }

    /// Wraps a response already parsed into `resource`, keeping its exact bytes (no second parse).
    public init(parsed resource: JSONValue, rawData: Data) throws {
        content = .parsed(try Self.object(resource))
        self.rawData = rawData
    }

    /// Keeps a response body as bytes, parsed on first use of `resource`: for a body whose bytes
    /// equal ones already known to hold a profile (a re-fetch of a mirrored one), which then
    /// needs no parse at all. `parsed()` checks the bytes as `init(data:)` does.
    public init(unparsed data: Data) {
        content = .deferred(DeferredProfileBody(data))
        rawData = data
    }

    /// False while a profile made with `init(unparsed:)` has not parsed its bytes.
    public var isParsed: Bool {
        switch content {
        case .parsed: true
        case .deferred(let body): body.isParsed
        }
    }

    /// This profile with its resource parsed (the bytes kept); throws as `init(data:)` when
    /// they are not a JSON object.
    public func parsed() throws(ModelDecodingError) -> BillingProfile {
        guard case .deferred(let body) = content else { return self }
        var copy = self
        copy.content = .parsed(try body.parse().get())
        return copy
    }

    /// Equal when the resources are equal (the raw bytes are not compared, except that two
    /// unparsed profiles of the same bytes are equal without parsing them).
    public static func == (lhs: BillingProfile, rhs: BillingProfile) -> Bool {
        if case .deferred(let left) = lhs.content, case .deferred(let right) = rhs.content, left.data == right.data {
            return true
        }
        return lhs.resource == rhs.resource
    }

    /// `data` parsed, when it is a JSON object (the one check of a billing profile's body).
    static func parseObject(_ data: Data) throws(ModelDecodingError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw ModelDecodingError(resource: "CustomerBillingProfile", reason: "not valid JSON")
        }
        return try object(value)
    }

    /// `value`, when it is a JSON object.
    private static func object(_ value: JSONValue) throws(ModelDecodingError) -> JSONValue {
        guard value.objectValue != nil else {
            throw ModelDecodingError(resource: "CustomerBillingProfile", reason: "not a JSON object")
        }
        return value
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
