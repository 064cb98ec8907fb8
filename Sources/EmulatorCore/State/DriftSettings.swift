/// Background edits of random billing profiles, as another admin in the Partner Center portal
/// would make them (each one: new etag and an `update_customer_billing_profile` audit record).
public struct DriftSettings: Sendable, Hashable, Codable {
    /// How many profiles change per minute (e.g. 600 = one every 100 ms).
    public var changesPerMinute: Double

    /// Creates drift settings.
    public init(changesPerMinute: Double) {
        self.changesPerMinute = changesPerMinute
    }

    /// Pause between two changes.
    var interval: Duration {
        .milliseconds(Int64((60_000 / max(changesPerMinute, 0.001)).rounded()))
    }
}
