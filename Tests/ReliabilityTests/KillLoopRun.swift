import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels

/// The state of one kill loop: the seeded RNG, the edits queued so far and what each kill hit.
struct KillLoopRun {
    let harness: DaemonLauncher
    let ids: [CustomerID]
    let scale: ReliabilityScale
    var rng = SeededGenerator(seed: 0x6b11_1009)
    var queued: [QueuedEdit] = []
    var killsDuringReconcile = 0
    var killsDuringPush = 0
    var killsBeforeReady = 0
    var kills = 0

    /// A few customers receive most edits, so one customer often has several queued at once.
    var hotCustomers: ArraySlice<CustomerID> { ids.prefix(6) }

    /// Starts the daemon, queues edits and makes other admins race it, then SIGKILLs it after
    /// 50–400 ms (counted from launch for a third of the cycles, from READY=1 otherwise).
    mutating func cycle(_ number: Int) async throws {
        let linesBefore = harness.notify.lines.count
        let daemon = try harness.launch()
        defer { daemon.terminateIfRunning() }
        if number % 3 != 0 {
            _ = try await harness.notify.waitFor("READY=1", after: linesBefore, timeout: .seconds(20))
        }
        let delay = Int.random(in: 50...400, using: &rng)
        let firstPart = Int.random(in: 0...delay, using: &rng)
        try await Task.sleep(for: .milliseconds(firstPart))
        try await queueEdits(count: editsDue(afterCycle: number))
        try await race()
        try await Task.sleep(for: .milliseconds(delay - firstPart))
        if !harness.notify.lines.dropFirst(linesBefore).contains("READY=1") { killsBeforeReady += 1 }
        daemon.signal(SIGKILL)
        _ = try await daemon.waitForExit(timeout: .seconds(10))
        kills += 1
        try recordWhatTheKillHit()
    }

    /// How many edits to queue now so that `scale.edits` are spread over the cycles.
    func editsDue(afterCycle number: Int) -> Int {
        let target = scale.edits * (number + 1) / scale.kills
        return max(0, target - queued.count)
    }

    /// Queues `count` edits for customers already in the mirror (edits for unknown customers are
    /// rejected by design; the invalid ones are deliberate).
    mutating func queueEdits(count: Int) async throws {
        guard count > 0, let reader = try? StoreReader(path: harness.databasePath) else { return }
        let mirrored = (try? reader.read { context in try context.profiles(ids) }) ?? [:]
        guard !mirrored.isEmpty else { return }
        for _ in 0..<count {
            let pool = Bool.random(using: &rng) ? Array(hotCustomers) : ids
            let candidates = pool.filter { mirrored[$0] != nil }
            guard let customer = candidates.randomElement(using: &rng) else { return }
            var edit = QueuedEdit.make(number: queued.count, customer: customer, rng: &rng)
            edit.id = try OutboxSQL.insert(databasePath: harness.databasePath, customerID: edit.customerID, patch: edit.patch)
            queued.append(edit)
        }
    }

    /// Queues what the cycles could not (the mirror was still empty early on).
    mutating func queueRemaining() async throws {
        try await queueEdits(count: scale.edits - queued.count)
    }

    /// Another admin changes hot customers: a city right before our next PUT (a 412, then a clean
    /// merge), or `addressLine2` at once (a real conflict when an edit for it is queued).
    mutating func race() async throws {
        guard let customer = hotCustomers.randomElement(using: &rng) else { return }
        let suffix = Int.random(in: 1...9999, using: &rng)
        if Bool.random(using: &rng) {
            await harness.state.interceptNextWrite(to: customer) { $0.setValue(.string("Race City \(suffix)"), atPath: "defaultAddress.city") }
        } else if Int.random(in: 0..<4, using: &rng) == 0 {
            await harness.state.modifyProfile(customer) { $0.setValue(.string("admin-\(suffix)"), atPath: "defaultAddress.addressLine2") }
        }
    }

    /// A `running` full run or a `pushing` edit left behind shows what the kill interrupted.
    mutating func recordWhatTheKillHit() throws {
        guard FileManager.default.fileExists(atPath: harness.databasePath) else { return }
        let connection = try Connection(path: harness.databasePath, mode: .readOnly)
        defer { connection.close() }
        guard try connection.userVersion > 0 else { return }
        let running: Int64 = try connection.scalar(Int64.self, "SELECT count(*) FROM sync_runs WHERE status = 'running' AND kind = 'full'") ?? 0
        let pushing: Int64 = try connection.scalar(Int64.self, "SELECT count(*) FROM outbox WHERE status = 'pushing'") ?? 0
        if running > 0 { killsDuringReconcile += 1 }
        if pushing > 0 { killsDuringPush += 1 }
    }
}
