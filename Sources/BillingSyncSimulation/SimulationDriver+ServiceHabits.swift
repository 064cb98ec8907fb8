import EmulatorCore
import PartnerCenterModels

/// The real service's harder habits in the workload (issue 18, item 4): records in the audit
/// feed that change nothing, and a daemon stopped for longer than the feed reaches back.
extension SimulationDriver {
    /// The feed gets a record that changes nothing (an unknown type, a declined operation, a
    /// partner-level record without customer, a record dated days ahead).
    func auditNoise() {
        let kind = rng.pick(AuditNoise.allCases)
        let ids = remoteIDs()
        let customer = ids.isEmpty ? nil : rng.pick(ids)
        let state = world.state
        world.perform { await state.appendAuditNoise(kind, customer: customer) }
        report.noiseRecords += 1
        trace("the audit feed carries a record that changes nothing (\(kind.rawValue))")
    }

    /// The daemon is stopped (every process dies), 100 days pass — longer than the service keeps
    /// audit records — and it starts again: it must catch up by a full reconcile instead of
    /// asking the feed for what it no longer has.
    func longStop() throws {
        for process in world.processes {
            world.crash(process)
            report.crashes += 1
        }
        daemon = nil
        report.longStops += 1
        world.clock.advance(by: .seconds(100 * 86_400))
        trace("LONG STOP: every process is stopped and 100 days pass")
        try startDaemon()
    }
}
