import BillingSyncStore
import Logging
import PartnerCenterClient

/// What every part of the engine works with: the API client, the store, the settings, the
/// observer and the logger. Reconciler and pusher share one, so the daemon builds it once.
public struct SyncContext: Sendable {
    public let client: PartnerCenterClient
    public let store: StoreWriter
    public let configuration: EngineConfiguration
    public let observer: any SyncObserver
    public let logger: Logger

    public init(client: PartnerCenterClient, store: StoreWriter, configuration: EngineConfiguration,
                observer: any SyncObserver = NoSyncObserver(), logger: Logger) {
        self.client = client
        self.store = store
        self.configuration = configuration
        self.observer = observer
        self.logger = logger
    }
}

/// A part of the engine built on a `SyncContext`; reads its members as its own.
public protocol SyncContextHolder: Sendable {
    var context: SyncContext { get }
}

extension SyncContextHolder {
    public var client: PartnerCenterClient { context.client }
    public var store: StoreWriter { context.store }
    public var configuration: EngineConfiguration { context.configuration }
    public var observer: any SyncObserver { context.observer }
    public var logger: Logger { context.logger }
}
