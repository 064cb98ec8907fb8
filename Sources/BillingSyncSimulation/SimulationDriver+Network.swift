/// The network and time policy of a step: which waiting call is delivered next and with which
/// fault, when timers fire, and when a call that waited past the client's request timeout times
/// out (applied or not).
extension SimulationDriver {
    func deliver() {
        let waiting = world.network.waiting
        guard !waiting.isEmpty else { return fireTimer() }
        let call = rng.pick(waiting)
        var fault: SimulatedFault?
        if call.phase == .request, faultsActive, rng.roll(swarm.faultRate) {
            fault = swarm.throttleHeavy && rng.roll(0.9)
                ? .throttled : rng.pick([.resetBeforeApply, .serverError, .throttled, .lostResponse])
        }
        world.clock.advance(by: .milliseconds(20 + rng.index(200)))
        trace("deliver \(call.label) (\(call.phase.rawValue), process \(call.process)\(fault.map { ", fault \($0.rawValue)" } ?? ""))")
        world.network.resume(call.id, with: .deliver(fault))
    }

    func fireTimer() {
        guard let deadline = world.clock.nextDeadline else { return }
        // Calls whose timeout passes before the timer are settled first, at their own time.
        try? expireCalls(upTo: deadline)
        let fired = world.clock.fireNext()
        trace("timers fire (\(fired))")
    }

    /// Fires the next timer; while calls are in flight whose timeout passes first, mostly
    /// delivers one instead (so most calls meet a realistic latency and some time out).
    func fireTimerUnlessCallsWouldTimeOut() {
        if let deadline = world.clock.nextDeadline,
           let oldest = world.network.waiting.map(\.since).min(),
           oldest.advanced(by: options.requestTimeout) < deadline, rng.roll(0.85) {
            return deliver()
        }
        fireTimer()
    }

    /// Times out every call that has waited longer than the client's request timeout by
    /// `limit`, in the order their timeouts pass: a request may still be applied as it times out.
    func expireCalls(upTo limit: SimulatedClock.Instant) throws {
        while let call = world.network.waiting.filter({ $0.since.advanced(by: options.requestTimeout) <= limit })
            .min(by: { $0.since < $1.since }) {
            let expiry = call.since.advanced(by: options.requestTimeout)
            if world.clock.now < expiry { world.clock.advance(by: world.clock.now.duration(to: expiry)) }
            let applied = call.phase == .request && rng.roll(0.5)
            trace("timeout \(call.label) (\(call.phase.rawValue), process \(call.process))\(applied ? ", applied as it timed out" : "")")
            switch call.phase {
            case .request: world.network.resume(call.id, with: .deliver(applied ? .appliedThenTimedOut : .timedOutBeforeApply))
            case .response: world.network.resume(call.id, with: .timedOut)
            }
            world.executor.runJobs()
            try afterStep()
        }
    }
}
