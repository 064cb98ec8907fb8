import Foundation

/// How much work the reliability suite does: a CI scale that runs in well under a minute, and a
/// larger one selected with `BILLING_SYNC_RELIABILITY_SCALE=large`.
struct ReliabilityScale: Sendable {
    /// SIGKILLs of the daemon in the kill loop.
    let kills: Int
    /// Customers the emulator serves in the kill loop.
    let customers: Int
    /// Edits queued during the kill loop.
    let edits: Int
    /// Mutated configuration files fed to the loader.
    let configInputs: Int
    /// Fuzzed patches pushed through the outbox.
    let patchInputs: Int
    /// Kills that must land while an edit is `pushing` (a PUT in flight or of unknown outcome).
    let killsDuringPush: Int
    /// The name printed in summaries.
    let name: String

    static let current: ReliabilityScale = {
        if ProcessInfo.processInfo.environment["BILLING_SYNC_RELIABILITY_SCALE"]?.lowercased() == "large" {
            return ReliabilityScale(kills: 200, customers: 150, edits: 400, configInputs: 3000, patchInputs: 2000,
                                    killsDuringPush: 50, name: "large")
        }
        return ReliabilityScale(kills: 52, customers: 40, edits: 80, configInputs: 300, patchInputs: 200,
                                killsDuringPush: 1, name: "ci")
    }()
}
