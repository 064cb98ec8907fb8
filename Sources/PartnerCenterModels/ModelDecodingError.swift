/// A response body that is valid JSON but not the resource that was expected.
public struct ModelDecodingError: Error, Sendable, CustomStringConvertible {
    /// The resource that was being read, e.g. `CustomerBillingProfile`.
    public let resource: String
    /// What was wrong with it.
    public let reason: String

    /// Creates an error naming the resource and the problem.
    public init(resource: String, reason: String) {
        self.resource = resource
        self.reason = reason
    }

    public var description: String { "invalid \(resource): \(reason)" }
}
