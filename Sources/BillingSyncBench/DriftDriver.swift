import Foundation
import PartnerCenterEmulator
import PartnerCenterModels

/// Changes profiles at Partner Center (the emulator) as another admin would, at a steady rate,
/// remembering what changed when, so the bench can find each change in `profile_history`.
struct DriftDriver: Sendable {
    /// One change made.
    struct Change: Sendable {
        let customer: CustomerID
        let field: String
        let value: String
        let at: Date
    }

    let state: EmulatorState
    let customers: [CustomerID]
    let perMinute: Double
    /// Fields changed, chosen in turn (each change gets a unique value).
    let fields: [String]
    let label: String

    /// Makes changes until `duration` has passed; returns them in order.
    func run(for duration: Duration) async throws -> [Change] {
        guard !customers.isEmpty, perMinute > 0 else { return [] }
        let interval = Duration.milliseconds(Int64(60_000 / perMinute))
        let clock = ContinuousClock()
        let start = clock.now
        var changes: [Change] = []
        var rng = SeededGenerator(seed: 7)
        var next = start
        while clock.now < start + duration {
            let number = changes.count + 1
            let customer = customers.randomElement(using: &rng)!
            let field = fields[number % fields.count]
            let value = field.hasSuffix("phoneNumber") ? "42555\(10_000 + number % 90_000)" : "\(label) \(number)"
            let at = Date()
            await state.modifyProfile(customer) { $0.setValue(.string(value), atPath: field) }
            changes.append(Change(customer: customer, field: field, value: value, at: at))
            next = next + interval
            try await clock.sleep(until: next)
        }
        return changes
    }
}
