import BillingSyncStore
import Logging
import PartnerCenterAPI

/// What every part of the engine works with: the service port, the store, the settings, the
/// environment (clock, randomness, claim owner), the observer and the logger. Reconciler and
/// pusher share one, so the daemon builds it once.
public struct SyncContext: Sendable {
    public let client: any PartnerCenterPort
    public let store: StoreWriter
    public let configuration: EngineConfiguration
    public let environment: SyncEnvironment
    public let observer: any SyncObserver
    public let logger: Logger

    public init(client: any PartnerCenterPort, store: StoreWriter, configuration: EngineConfiguration,
                environment: SyncEnvironment = .system(), observer: any SyncObserver = NoSyncObserver(), logger: Logger) {
        self.client = client
        self.store = store
        self.configuration = configuration
        self.environment = environment
        self.observer = observer
        self.logger = logger
    }
}

/// A part of the engine built on the shared `SyncContext` (reconciler, feed poller, pusher,
/// scheduler, address checks): it reads the context's members as its own, so every part gets
/// its dependencies the same way.
public protocol SyncComponent: Sendable {
    var context: SyncContext { get }
}

extension SyncComponent {
    public var client: any PartnerCenterPort { context.client }
    public var store: StoreWriter { context.store }
    public var configuration: EngineConfiguration { context.configuration }
    public var environment: SyncEnvironment { context.environment }
    public var observer: any SyncObserver { context.observer }
    public var logger: Logger { context.logger }
}
