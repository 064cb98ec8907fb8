/// `[push]`: the outbox pusher that sends local edits to Partner Center.
public struct PushSettings: Sendable, Equatable {
    /// `address_validation`: what Partner Center's address service decides before a PUT that
    /// changes the address.
    public enum AddressValidation: String, Sendable, Equatable, CaseIterable {
        /// A country-rule violation rejects the edit; a not-verified address waits in `needs_review`.
        case require
        /// Nothing blocked: rule violations are logged, the service's answer recorded.
        case warn
        /// No country rules, no address service (no call).
        case off
    }

    /// `enabled` (default true).
    public var enabled: Bool
    /// `max_attempts`: tries per outbox entry before it is parked (default 5).
    public var maxAttempts: Int
    /// `backoff_initial`: first retry delay (default 1 s).
    public var backoffInitial: Duration
    /// `backoff_max`: retry delay cap (default 60 s); must be ≥ `backoff_initial`.
    public var backoffMax: Duration
    /// `poll_interval`: the fallback poll, the longest wait between checks of SQLite's `data_version`
    /// for new outbox rows (default 1 s); on Linux an inotify hint of the WAL changing checks at once.
    public var pollInterval: Duration
    /// `address_validation` (default `warn`): under `require` a country-rule violation rejects the
    /// edit and a not-verified address waits for review; under `warn` both are only logged and
    /// recorded. `warn` is the default so an upgrade never stops an edit that pushed before.
    public var addressValidation: AddressValidation
    /// `country_rules_max_age`: cached country rules older than this are fetched again (default 7 days).
    public var countryRulesMaxAge: Duration

    /// Allowed range of `max_attempts`.
    public static let maxAttemptsRange: ClosedRange<Int> = 1...50

    /// Creates push settings; all values have defaults.
    public init(
        enabled: Bool = true,
        maxAttempts: Int = 5,
        backoffInitial: Duration = .seconds(1),
        backoffMax: Duration = .seconds(60),
        pollInterval: Duration = .seconds(1),
        addressValidation: AddressValidation = .warn,
        countryRulesMaxAge: Duration = .seconds(7 * 24 * 3600)
    ) {
        self.enabled = enabled
        self.maxAttempts = maxAttempts
        self.backoffInitial = backoffInitial
        self.backoffMax = backoffMax
        self.pollInterval = pollInterval
        self.addressValidation = addressValidation
        self.countryRulesMaxAge = countryRulesMaxAge
    }
}
