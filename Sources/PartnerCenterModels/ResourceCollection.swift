/// One page of a Partner Center collection: `{totalCount, items, links: {next}, continuationToken}`.
public struct ResourceCollection<Item: Sendable>: Sendable {
    /// The server's `totalCount` (a hint only).
    public var totalCount: Int?
    /// The items of this page.
    public var items: [Item]
    /// `links.next`, absent on the last page.
    public var next: ResourceLink?
    /// The optional body property `continuationToken`.
    public var continuationToken: String?

    /// Creates a page.
    public init(totalCount: Int?, items: [Item], next: ResourceLink?, continuationToken: String?) {
        self.totalCount = totalCount
        self.items = items
        self.next = next
        self.continuationToken = continuationToken
    }

    /// Reads a collection object, converting each element of `items` with `item`.
    public init(json: JSONValue, item: (JSONValue) throws -> Item) throws {
        guard json.objectValue != nil else {
            throw ModelDecodingError(resource: "Collection", reason: "not a JSON object")
        }
        let itemsValue = json[member: "items"] ?? .null
        guard let elements = itemsValue.isNull ? [] : itemsValue.arrayValue else {
            throw ModelDecodingError(resource: "Collection", reason: "items is not an array")
        }
        totalCount = json.integer("totalCount")
        items = try elements.map(item)
        next = json.object("links")?.object("next").flatMap(ResourceLink.init(json:))
        continuationToken = json.text("continuationToken")
    }
}
