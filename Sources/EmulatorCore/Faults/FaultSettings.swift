/// Fault-injection switches. Every rate is a probability from 0 to 1, drawn per request from a
/// generator seeded with `seed`, so a test that sends the same requests sees the same faults.
///
/// Faults apply to the Partner Center API routes; the token endpoints only when
/// `includeTokenEndpoints` is set; the `/_emulator` admin routes never.
public struct FaultSettings: Sendable, Hashable, Codable {
    /// Fixed delay added before answering.
    public var latency: Duration = .zero
    /// Extra random delay, uniformly 0…jitter, added to `latency`.
    public var latencyJitter: Duration = .zero
    /// Probability of a 500 Internal Server Error.
    public var internalServerErrorRate: Double = 0
    /// Probability of a 503 Service Unavailable.
    public var serviceUnavailableRate: Double = 0
    /// Probability of closing the connection without any response.
    public var connectionResetRate: Double = 0
    /// Probability of a 200 whose JSON body is cut in half.
    public var truncatedJSONRate: Double = 0
    /// Probability of a 200 whose body is not JSON at all.
    public var malformedJSONRate: Double = 0
    /// When set, bodies are sent in chunks of `slowBodyChunkSize` bytes with this delay between them.
    public var slowBodyChunkDelay: Duration? = nil
    /// Chunk size for `slowBodyChunkDelay`.
    public var slowBodyChunkSize: Int = 64
    /// Probability that a valid billing-profile PUT is APPLIED but its connection is closed
    /// before the response (the client cannot know whether it happened).
    public var lostPutResponseRate: Double = 0
    /// Probability of a 429 (1.0 = a storm: every request is throttled).
    public var tooManyRequestsRate: Double = 0
    /// `Retry-After` seconds sent with injected 429s.
    public var tooManyRequestsRetryAfter: Int = 1
    /// Also inject faults on the token endpoints.
    public var includeTokenEndpoints = false
    /// Seed of the fault generator (reset whenever the settings are replaced).
    public var seed: UInt64 = 0x5eed

    /// No faults.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case latencyMilliseconds, latencyJitterMilliseconds, internalServerErrorRate, serviceUnavailableRate
        case connectionResetRate, truncatedJSONRate, malformedJSONRate, slowBodyChunkDelayMilliseconds
        case slowBodyChunkSize, lostPutResponseRate, tooManyRequestsRate, tooManyRequestsRetryAfter
        case includeTokenEndpoints, seed
    }

    /// Decodes the admin form (`PUT /_emulator/faults`): durations in milliseconds, every key optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        latency = .milliseconds(try c.decodeIfPresent(Int64.self, forKey: .latencyMilliseconds) ?? 0)
        latencyJitter = .milliseconds(try c.decodeIfPresent(Int64.self, forKey: .latencyJitterMilliseconds) ?? 0)
        internalServerErrorRate = try c.decodeIfPresent(Double.self, forKey: .internalServerErrorRate) ?? 0
        serviceUnavailableRate = try c.decodeIfPresent(Double.self, forKey: .serviceUnavailableRate) ?? 0
        connectionResetRate = try c.decodeIfPresent(Double.self, forKey: .connectionResetRate) ?? 0
        truncatedJSONRate = try c.decodeIfPresent(Double.self, forKey: .truncatedJSONRate) ?? 0
        malformedJSONRate = try c.decodeIfPresent(Double.self, forKey: .malformedJSONRate) ?? 0
        slowBodyChunkDelay = try c.decodeIfPresent(Int64.self, forKey: .slowBodyChunkDelayMilliseconds)
            .map { .milliseconds($0) }
        slowBodyChunkSize = try c.decodeIfPresent(Int.self, forKey: .slowBodyChunkSize) ?? 64
        lostPutResponseRate = try c.decodeIfPresent(Double.self, forKey: .lostPutResponseRate) ?? 0
        tooManyRequestsRate = try c.decodeIfPresent(Double.self, forKey: .tooManyRequestsRate) ?? 0
        tooManyRequestsRetryAfter = try c.decodeIfPresent(Int.self, forKey: .tooManyRequestsRetryAfter) ?? 1
        includeTokenEndpoints = try c.decodeIfPresent(Bool.self, forKey: .includeTokenEndpoints) ?? false
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0x5eed
    }

    /// Encodes the admin form (durations in milliseconds).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(latency.milliseconds, forKey: .latencyMilliseconds)
        try c.encode(latencyJitter.milliseconds, forKey: .latencyJitterMilliseconds)
        try c.encode(internalServerErrorRate, forKey: .internalServerErrorRate)
        try c.encode(serviceUnavailableRate, forKey: .serviceUnavailableRate)
        try c.encode(connectionResetRate, forKey: .connectionResetRate)
        try c.encode(truncatedJSONRate, forKey: .truncatedJSONRate)
        try c.encode(malformedJSONRate, forKey: .malformedJSONRate)
        try c.encodeIfPresent(slowBodyChunkDelay?.milliseconds, forKey: .slowBodyChunkDelayMilliseconds)
        try c.encode(slowBodyChunkSize, forKey: .slowBodyChunkSize)
        try c.encode(lostPutResponseRate, forKey: .lostPutResponseRate)
        try c.encode(tooManyRequestsRate, forKey: .tooManyRequestsRate)
        try c.encode(tooManyRequestsRetryAfter, forKey: .tooManyRequestsRetryAfter)
        try c.encode(includeTokenEndpoints, forKey: .includeTokenEndpoints)
        try c.encode(seed, forKey: .seed)
    }
}

extension Duration {
    /// Whole milliseconds (rounded down).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
