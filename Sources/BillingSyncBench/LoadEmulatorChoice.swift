import ArgumentParser

/// The values of `--load-emulator`.
enum LoadEmulatorChoice: String, Sendable, CaseIterable, ExpressibleByArgument {
    case inProcess = "in-process"
    case process
    case both

    /// The servers scenario 1 measures against.
    var servers: [InitialLoadScenario.Server] {
        switch self {
        case .inProcess: [.inProcess]
        case .process: [.emulatorProcess]
        case .both: InitialLoadScenario.Server.allCases
        }
    }
}
