import ArgumentParser
import BillingSyncDaemon
import Logging
import ServiceLifecycle

/// `billing-sync run`: the daemon systemd starts.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: mirror, audit feed, outbox push (systemd Type=notify)."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let loaded = try options.load()
        LogSetup.bootstrap(level: loaded.configuration.logging.swiftLogLevel, format: loaded.configuration.logging.logFormat)
        if loaded.configuration.metrics.enabled { _ = MetricsSetup.bootstrap() }
        let logger = Logger(label: "billing-sync")
        let daemon = DaemonService(configPath: options.config, initial: loaded, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
    }
}
