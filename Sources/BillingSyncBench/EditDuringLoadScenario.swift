import BillingSyncConfig
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterModels
#if canImport(Glibc)
import Glibc
#endif

/// Scenario 9 (`edits-during-load`): a `billing-sync run` child loads N customers from an empty
/// database against an emulator enforcing the tenant's budget (`perMinute`, the client configured
/// with the same), while the bench queues edits (plain `INSERT INTO outbox`, as outside tools do)
/// of customers already mirrored, from `editStart` after the spawn (or the first mirrored customer)
/// and then every `editSpacing` until the load is complete. Reported: each edit's latency (`pushed_at − created_at`: INSERT to
/// PUT landed), and the load's wall time (spawn to `full_reconcile.last_success`) against the
/// rate-limit bound N / `perMinute`, and against the bound of every request answered meanwhile
/// (the pushes' GET, address check and PUT too). Without `queuesEdits`, the load alone. With a
/// `window`, the measurement ends after it even when the load is not complete (a 100k load at
/// 500/min takes 3.3 h): the edits queued in the window, and the rate of every request answered
/// in it against the budget; the load's wall time is then not known and not reported.
struct EditDuringLoadScenario: Sendable {
    let workspace: BenchWorkspace
    let customers: Int
    let perMinute: Int
    let editStart: Duration
    let editSpacing: Duration
    var queuesEdits = true
    var window: Duration?

    func run() async throws -> ScenarioResult {
        let perMinute = self.perMinute
        let environment = try await workspace.environment("edits-during-load", customers: customers,
                                                          rateLimitPerMinute: perMinute) {
            $0.sync.requestsPerMinute = perMinute
            $0.push = PushSettings()  // the documented defaults: inotify on the WAL, fallback poll 1 s
        }
        return try await workspace.measuring(environment, measure)
    }

    private func measure(_ environment: EmulatedEnvironment) async throws -> ScenarioResult {
        let configPath = try environment.writeConfigurationFile()
        let bound = Double(customers) / Double(perMinute) * 60
        let timeout = Duration.seconds(120 + Int64(bound * 3))
        let child = try MeasuredChild(executable: try BenchWorkspace.billingSyncExecutable(),
                                     arguments: ["run", "--config", configPath], logPath: environment.folder + "/daemon.log")
        let clock = ContinuousClock()
        let started = clock.now
        var reader: StoreReader?
        var outbox: OutboxClient?
        var queued: [Int64] = []
        var edited: Set<CustomerID> = []
        var nextEdit = started + editStart
        var complete = false
        do {
            while true {
                if DaemonLoadRun.loaded(&reader, databasePath: environment.databasePath) {
                    complete = true
                    break
                }
                if let window, started.duration(to: clock.now) >= window { break }
                guard child.currentPeakRSS() != nil, started.duration(to: clock.now) < timeout else {
                    throw BenchError(.childFailed, "billing-sync run did not finish its initial load: \(child.output.suffix(600))")
                }
                if queuesEdits, clock.now >= nextEdit, reader != nil {
                    let client = try outbox ?? OutboxClient(databasePath: environment.databasePath)
                    outbox = client
                    if let customer = try client.mirroredCustomer(excluding: edited) {
                        queued.append(try client.queueCityEdit(customer, city: "Edited During Load \(queued.count)"))
                        edited.insert(customer)
                        // Spaced from this edit, never caught up: when no customer was mirrored yet at
                        // `editStart` (a 100k listing takes longer), the missed edits are not queued
                        // at once (a burst is another workload: 8 pushes at once need 3 s of a 500/min budget).
                        nextEdit = max(nextEdit, clock.now) + editSpacing
                    }
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        } catch {
            child.signal(SIGKILL)
            _ = try? await child.wait(timeout: .seconds(30))
            throw error
        }
        let loadSeconds = started.duration(to: clock.now).seconds
        let state = environment.emulator.state
        let answered = await state.requestCount() - state.tokenRequestCount()
        let mirrored = try reader?.read { try $0.counts().profiles } ?? 0
        var outcomes: [OutboxClient.Outcome] = []
        for id in queued {
            if let outcome = try await outbox?.waitForOutcome(id, timeout: .seconds(120)) { outcomes.append(outcome) }
        }
        child.signal(SIGTERM)
        // The child's timeout counts from its spawn.
        let usage = try await child.wait(timeout: timeout + .seconds(180))
        try ChildRuns.check(usage, output: child.output, label: "billing-sync run (stopped with SIGTERM)")
        return result(outcomes: outcomes, queued: queued.count, loadSeconds: loadSeconds, complete: complete,
                      mirrored: mirrored, bound: bound, requests: answered, throttled: await state.requestCount(status: 429))
    }

    private func result(outcomes: [OutboxClient.Outcome], queued: Int, loadSeconds: Double, complete: Bool,
                        mirrored: Int, bound: Double, requests: Int, throttled: Int) -> ScenarioResult {
        var result = ScenarioResult(number: 9, id: queuesEdits ? "edits-during-load" : "load-at-budget")
        let pushed = outcomes.filter { $0.status == "pushed" }
        let latency = Percentiles(pushed.compactMap(\.latency))
        result.add("customers", Double(customers), "customers")
        result.add("tenant budget (emulator and client)", Double(perMinute), "requests/min")
        if queuesEdits {
            result.add("edits queued during the load", Double(queued), "edits")
            result.add("edits pushed", Double(pushed.count), "edits")
            if let first = outcomes.first?.latency { result.add("first edit's latency", first, "s") }
            result.add("latency p50", latency.p50, "s")
            result.add("latency p99", latency.p99, "s")
            result.add("latency max", latency.max, "s")
        }
        if complete {
            result.add("load wall time (spawn to first reconcile done)", loadSeconds, "s")
        } else {
            result.add("window (load not complete when it ended)", loadSeconds, "s")
            result.add("profiles mirrored in the window", Double(mirrored), "profiles")
        }
        result.add("rate-limit bound N / budget", bound, "s")
        result.add("requests answered during the load (not tokens; pushes' included)", Double(requests), "requests")
        let allRequestsBound = Double(requests) / Double(perMinute) * 60
        result.add("rate-limit bound of those requests", allRequestsBound, "s")
        result.add("429 answers", Double(throttled), "responses")
        if queuesEdits {
            result.ratio("edits not pushed", Double(queued - pushed.count), atMost: 0)
            result.ratio("latency p50 / 0.5 s", latency.p50 / 0.5, atMost: 1)
            result.ratio("latency p99 / 1.5 s", latency.p99 / 1.5, atMost: 1)
        }
        if complete {
            result.ratio("bound / load wall time", bound / loadSeconds, atLeast: 0.97)
        } else {
            result.notes.append("The window ended at \(Int(loadSeconds)) s of a bound of \(Int(bound)) s: the load's wall time is not measured; the rate of the requests answered in the window stands for how fully the budget was spent.")
        }
        result.ratio("bound of all requests answered / load wall time", allRequestsBound / loadSeconds, atLeast: 0.97)
        result.notes.append("The client's burst (a tenth of a minute) and the emulator's (a minute) start full.")
        guard queuesEdits else { return result }
        result.notes.append("Edits: plain INSERTs of a city change of a customer already mirrored, from \(editStart) after the spawn (or once a customer is mirrored), then every \(editSpacing) until the load is done (or the window ends); latency = pushed_at − created_at. Push settings: the documented defaults. The load's requests include the pushes' GET and PUT.")
        return result
    }
}
