import BillingSyncStore
import PartnerCenterModels

/// The end of a seed: faults stop and the world must settle (liveness), then quiescence checks.
extension SimulationDriver {
    /// Faults end (one customer's 403 may last), the daemon runs, and the world settles: every
    /// edit ends and a full reconcile that began after that completes; then quiescence checks.
    func settle() throws {
        faultsActive = false
        world.storageFaults.isActive = false
        world.switches.credentialsOutage = false
        let state = world.state
        let keep = forbidden.sorted().first.flatMap { rng.roll(0.4) ? $0 : nil }
        for id in forbidden where id != keep { world.perform { await state.forbidCustomer(id, false) } }
        forbidden = keep.map { [$0] } ?? []
        stuck = forbidden
        trace("faults end\(keep.map { "; customer \($0.rawValue.prefix(8)) keeps answering 403" } ?? "")")
        if daemon == nil { try startDaemon() }
        // Liveness: the feed must poll successfully again after the faults end.
        let feedPollsBefore = world.liveness.successfulFeedPolls
        // The Azure mirror must complete a pass that began after the faults ended.
        let azureMark = try connection?.queryFirst("SELECT max(id) AS id FROM sync_runs", [])?.int64("id") ?? 0
        var quietSince: Int64?
        for round in 0..<options.settleLimit {
            report.steps += 1
            if world.network.waiting.isEmpty {
                guard world.clock.nextDeadline != nil else {
                    return oracle.fail("deadlock while settling: no call in flight and no timer set")
                }
                fireTimer()
            } else {
                deliver()
            }
            world.executor.runJobs()
            try afterStep()
            guard oracle.violations.isEmpty else { return }
            guard round % 8 == 0, let connection else { continue }
            // Every open edit counts, an invalid customer id too (it must end `rejected`).
            let open = try connection.query("SELECT customer_id FROM outbox WHERE status IN ('pending', 'pushing')", [])
                .compactMap { $0.string("customer_id") }.filter { text in !stuck.contains { $0.rawValue == text } }
            guard open.isEmpty, !world.processes.contains(where: { $0.kind == .syncOnce }),
                  world.liveness.successfulFeedPolls > feedPollsBefore, try azureSettled(since: azureMark) else {
                quietSince = nil
                continue
            }
            let latest = try connection.queryFirst("SELECT max(id) AS id FROM sync_runs", [])?.int64("id") ?? 0
            guard let since = quietSince else {
                quietSince = latest
                continue
            }
            let done = try connection.queryFirst("""
                SELECT count(*) AS n FROM sync_runs WHERE kind = 'full' AND id > ? AND finished_at IS NOT NULL AND status IN ('ok', 'failed')
                """, [since])?.int64("n") ?? 0
            if done > 0 {
                trace("settled: every edit ended and a full reconcile completed after")
                let remote = world.perform { () -> [CustomerID: JSONValue] in
                    var profiles: [CustomerID: JSONValue] = [:]
                    for id in await state.customerIDs() { profiles[id] = await state.profile(id) }
                    return profiles
                }
                try oracle.checkQuiescence(connection, remote: remote, stuck: stuck)
                oracle.checkAddressCalls(world.events)
                if azure.enabled { try oracle.checkAzureQuiescence(connection, arm: armCustomersOfConfiguredScopes()) }
                return
            }
        }
        let feed = world.liveness.successfulFeedPolls > feedPollsBefore ? "" : " (the audit feed never polled successfully after the faults ended)"
        let azureRun = (try? azureSettled(since: azureMark)) == false ? " (no Azure mirror pass completed after the faults ended)" : ""
        oracle.fail("did not converge within \(options.settleLimit) settling steps\(feed)\(azureRun)")
    }
}
