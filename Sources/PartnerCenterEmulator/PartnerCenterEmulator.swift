import EmulatorCore
import Hummingbird
import Logging
import PartnerCenterModels
import ServiceLifecycle

/// A local, faithful fake of the Partner Center customers/billing-profile API and the Entra ID
/// token endpoints, served by Hummingbird on loopback, with fault switches and drift.
public final class PartnerCenterEmulator: Sendable {
    /// The configuration it was started with.
    public let configuration: EmulatorConfiguration
    /// Its data, statistics and switches.
    public let state: EmulatorState
    /// The bound TCP port.
    public let port: Int
    private let server: Task<Void, any Error>
    private let group: ServiceGroup

    /// `http://HOST:PORT` (no trailing slash); the API is under `/v1`.
    public var baseURL: String { "http://\(configuration.host):\(port)" }
    /// Entra ID v2 token URL: `{baseURL}/{tenant}/oauth2/v2.0/token`.
    public var tokenURL: String { "\(baseURL)/\(configuration.tenantID)/oauth2/v2.0/token" }
    /// Entra ID v1 token URL: `{baseURL}/{tenant}/oauth2/token`.
    public var tokenURLv1: String { "\(baseURL)/\(configuration.tenantID)/oauth2/token" }

    private init(configuration: EmulatorConfiguration, state: EmulatorState, port: Int,
                 server: Task<Void, any Error>, group: ServiceGroup) {
        self.configuration = configuration
        self.state = state
        self.port = port
        self.server = server
        self.group = group
    }

    /// Starts serving and returns once the socket is listening.
    public static func start(_ configuration: EmulatorConfiguration) async throws -> PartnerCenterEmulator {
        let state = EmulatorState(configuration: configuration)
        // ARM (`/providers/…`) has its own auth, throttling and error shapes; the rest goes on.
        let responder = ARMResponder(next: EmulatorResponder(routes: EmulatorRouter.routes, state: state, configuration: configuration))
        let (ports, portSink) = AsyncThrowingStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "PartnerCenterEmulator"),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
            },
            logger: configuration.logger
        )
        var groupConfiguration = ServiceGroupConfiguration(services: [.init(service: app)], logger: configuration.logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(2)
        let group = ServiceGroup(configuration: groupConfiguration)
        let server = Task {
            do {
                try await group.run()
                portSink.finish()
            } catch {
                portSink.finish(throwing: error)
                throw error
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = try await iterator.next() else {
            throw EmulatorStartError(description: "the server stopped before it was listening")
        }
        if let drift = configuration.drift { await state.setDrift(drift) }
        configuration.logger.info("Partner Center emulator listening", metadata: ["port": "\(port)"])
        return PartnerCenterEmulator(configuration: configuration, state: state, port: port,
                                     server: server, group: group)
    }

    /// Serves until the calling task is cancelled (for `billing-sync emulator`), then shuts down.
    public func run() async throws {
        await withTaskCancellationHandler {
            _ = await server.result
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
        await state.stopBackgroundWork()
    }

    /// Stops drift and the server (gracefully: idle connections are closed, requests in flight get
    /// up to 2 s); returns once the socket is closed.
    public func shutdown() async throws {
        await state.stopBackgroundWork()
        await group.triggerGracefulShutdown()
        _ = await server.result
    }
}

/// The emulator could not start listening.
public struct EmulatorStartError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
