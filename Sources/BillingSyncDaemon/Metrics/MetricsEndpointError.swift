/// Why the metrics endpoint refused its configuration.
public struct MetricsEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine-readable reasons.
    public enum Code: String, Sendable {
        /// The host is not a loopback address and non-loopback binding was not allowed.
        case nonLoopbackHost = "non_loopback_host"
        /// The port is outside 0…65535.
        case invalidPort = "invalid_port"
    }

    /// What was wrong.
    public let code: Code
    /// The configured host.
    public let host: String
    /// The configured port.
    public let port: Int

    /// Creates an error.
    public init(code: Code, host: String, port: Int) {
        self.code = code
        self.host = host
        self.port = port
    }

    /// One line for logs and the CLI.
    public var description: String {
        switch code {
        case .nonLoopbackHost:
            "metrics endpoint host \(host.debugDescription) is not a loopback address; set allow_non_loopback to expose it"
        case .invalidPort:
            "metrics endpoint port \(port) is outside 0…65535"
        }
    }
}
