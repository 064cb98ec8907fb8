/// A benchmark could not run or its run was not valid (a child failed, data did not arrive).
struct BenchError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    enum Code: String, Sendable {
        case spawnFailed = "spawn_failed"
        case waitFailed = "wait_failed"
        case childFailed = "child_failed"
        case executableMissing = "executable_missing"
        case invalidRun = "invalid_run"
        case timeout
    }

    /// The failure kind.
    let code: Code
    /// What happened, for people.
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(code.rawValue): \(message)" }
}
