import PartnerCenterClient
import Testing

/// A deterministic generator for jitter tests.
struct SequenceGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state
    }
}

@Suite struct RetryPolicyTests {
    @Test func ceilingsGrowExponentiallyAndAreCapped() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoff: .milliseconds(500), maxBackoff: .seconds(30))
        #expect((1...8).map { policy.backoffCeiling(retry: $0) } == [
            .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30),
        ])
        #expect(policy.backoffCeiling(retry: 200) == .seconds(30))
    }

    @Test func fullJitterStaysWithinTheCeilingAndVaries() {
        let policy = RetryPolicy()
        var generator = SequenceGenerator(state: 42)
        let delays = (0..<200).map { _ in policy.delay(retry: 3, retryAfter: nil, using: &generator) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .seconds(2) })
        #expect(Set(delays).count > 100)
        #expect(delays.contains { $0 < .milliseconds(500) })
        #expect(delays.contains { $0 > .milliseconds(1500) })
    }

    @Test func retryAfterWinsOverBackoff() {
        var generator = SequenceGenerator(state: 1)
        #expect(RetryPolicy().delay(retry: 1, retryAfter: .seconds(57), using: &generator) == .seconds(57))
        #expect(RetryPolicy().delay(retry: 1, retryAfter: .seconds(-3), using: &generator) == .zero)
    }

    @Test func atLeastOneAttempt() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }
}
