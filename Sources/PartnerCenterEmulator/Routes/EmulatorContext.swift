import Hummingbird
import NIOCore

/// Request context that can drop the connection (for the reset and lost-response faults).
struct EmulatorContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Closes the TCP connection without writing a response.
    let closeConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        let channel = source.channel
        closeConnection = { channel.close(promise: nil) }
    }
}
