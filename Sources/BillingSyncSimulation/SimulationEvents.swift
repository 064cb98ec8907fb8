import Foundation
import PartnerCenterModels
import Synchronization

/// What reached the simulated service, in order: the oracle's view of every PUT.
public final class SimulationEvents: Sendable {
    /// One billing-profile PUT as the service saw it.
    public struct Put: Sendable {
        public let process: Int
        public let customer: CustomerID
        public let requestID: String
        public let ifMatch: String
        /// Canonical JSON of the body.
        public let body: String
        /// The profile before the PUT (nil: unknown customer).
        public let before: JSONValue?
        /// The profile after it, when it was applied.
        public let after: JSONValue?
        /// Answered from the idempotency memory without being applied.
        public let replayed: Bool
    }

    /// One answer of the address service (the emulator's verdict, in either contract).
    public struct AddressCheck: Sendable {
        public let process: Int
        /// The `defaultAddress` that was sent.
        public let address: JSONValue
        /// The status as the client reads it (`Verified`, `StreetPartial`, …).
        public let status: String
        public let isVerified: Bool
        public let suggestions: [JSONValue]
    }

    private let puts = Mutex<[Put]>([])
    private let addressChecks = Mutex<[AddressCheck]>([])
    private let rulesCalls = Mutex(0)

    public init() {}

    func record(_ put: Put) { puts.withLock { $0.append(put) } }

    /// PUTs from index `start` on.
    public func puts(from start: Int) -> [Put] {
        puts.withLock { Array($0[min(start, $0.count)...]) }
    }

    /// How many PUTs arrived.
    public var putCount: Int { puts.withLock { $0.count } }

    func record(_ check: AddressCheck) { addressChecks.withLock { $0.append(check) } }

    /// Answers of the address service from index `start` on.
    public func addressChecks(from start: Int) -> [AddressCheck] {
        addressChecks.withLock { Array($0[min(start, $0.count)...]) }
    }

    /// How many addresses the service judged.
    public var addressCheckCount: Int { addressChecks.withLock { $0.count } }

    func recordRulesCall() { rulesCalls.withLock { $0 += 1 } }

    private let rotations = Mutex<[String: SimulatedClock.Instant]>([:])
    private let violations = Mutex<[String]>([])

    /// Notes that the refresh token `token` was rotated away (its successor handed out) at `instant`.
    func recordRotation(of token: String, at instant: SimulatedClock.Instant) {
        rotations.withLock { $0[token] = $0[token] ?? instant }
    }

    /// When `token` was rotated away, if it was.
    func rotation(of token: String) -> SimulatedClock.Instant? { rotations.withLock { $0[token] } }

    /// Notes a request that broke the protocol (`SimulatedWire`).
    func recordViolation(_ description: String) { violations.withLock { $0.append(description) } }

    /// Protocol violations seen on the wire, from index `start` on.
    public func protocolViolations(from start: Int) -> [String] {
        violations.withLock { Array($0[min(start, $0.count)...]) }
    }

    /// How many country-rules requests reached the service.
    public var rulesCallCount: Int { rulesCalls.withLock { $0 } }
}

/// Whether a simulated process still runs; a dead one's calls never reach the service.
public final class ProcessLife: Sendable {
    public let id: Int
    private let alive = Mutex(true)

    public init(id: Int) { self.id = id }

    public var isAlive: Bool { alive.withLock { $0 } }

    func kill() { alive.withLock { $0 = false } }
}
