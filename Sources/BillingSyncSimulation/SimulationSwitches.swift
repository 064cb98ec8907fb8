import Synchronization

/// Tenant-wide fault switches of a simulated world.
public final class SimulationSwitches: Sendable {
    private let outage = Mutex(false)

    public init() {}

    /// The app's consent is gone: the token endpoint refuses the refresh token and every API call
    /// answers 401 (`SimulatedWire`), as if the refresh token were expired.
    public var credentialsOutage: Bool {
        get { outage.withLock { $0 } }
        set { outage.withLock { $0 = newValue } }
    }
}
