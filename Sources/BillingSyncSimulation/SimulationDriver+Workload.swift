import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import PartnerCenterModels

/// The workload: operators' and tools' edits, other admins' changes, customers coming and
/// going, a `sync --once` beside the daemon, customers answering 403.
extension SimulationDriver {
    func mirroredProfiles() throws -> [(id: CustomerID, etag: String?, json: String)] {
        guard let connection else { return [] }
        return try connection.query("SELECT customer_id, etag, raw_json FROM billing_profiles WHERE status = 'ok' ORDER BY customer_id", [])
            .compactMap { row in
                guard let id = row.string("customer_id").flatMap(CustomerID.init), let json = row.string("raw_json") else { return nil }
                return (id, row.string("etag"), json)
            }
    }

    func remoteIDs() -> [CustomerID] {
        let state = world.state
        return world.perform { await state.customerIDs() }
    }

    func value(for field: String, tag: String) -> String {
        field.hasSuffix("phoneNumber") ? "+1 555 \(tag)" : "\(tag) \(field.split(separator: ".").last ?? "")"
    }

    func queueEdit() throws {
        guard let connection, let operatorStore else { return }
        let mirrored = try mirroredProfiles()
        let all = remoteIDs()
        guard !all.isEmpty else { return }
        let customer: CustomerID = mirrored.isEmpty || rng.roll(0.05) ? rng.pick(all) : rng.pick(mirrored).id
        let current = mirrored.first { $0.id == customer }
        // With address validation on, half the edits aim at the address checks.
        var wanted = swarm.addressValidation != .off && rng.roll(0.5) ? addressChange(of: current?.json) : [:]
        let fieldCount = wanted.isEmpty ? (rng.roll(0.3) ? 2 : 1) : (rng.roll(0.2) ? wanted.count + 1 : wanted.count)
        while wanted.count < fieldCount {
            counter += 1
            let field = rng.pick(Simulation.fields)
            wanted[field] = value(for: field, tag: "e\(counter)")
        }
        let patch = EditPatch(changes: wanted.mapValues { $0.map(JSONValue.string) ?? .null }).mergePatchJSON().canonicalText()
        // A tool's INSERT takes SQLite's 'now' as created_at: in this world, the simulated clock.
        let toolTimestamp = Timestamp.string(from: world.clock.date)
        let kind = rng.index(100)
        var base = current.flatMap { try? JSONValue(parsing: $0.json) }
        var editID: Int64
        var oracleCustomer: CustomerID? = customer
        switch kind {
        case 0..<35:
            let queued = world.perform {
                try? await EditQueue(store: operatorStore).enqueue(customer: customer, patch: try EditPatch.parse(json: patch),
                                                                   queuedBy: "cli")
            }
            guard let queued else { return oracle.fail("billing-sync edit failed to queue an edit for \(customer)") }
            editID = queued.editID
            trace("operator queues edit \(editID) by CLI for \(customer.rawValue.prefix(8)): \(patch)")
        case 35..<70:
            let text = rng.roll(0.3) ? customer.rawValue.uppercased() : customer.rawValue
            try connection.run("INSERT INTO outbox (customer_id, patch, queued_by, created_at) VALUES (?, ?, 'sql', ?)",
                               [text, patch, toolTimestamp])
            editID = connection.lastInsertRowID
            trace("tool inserts edit \(editID) by SQL without base for \(text.prefix(8)): \(patch)")
        case 70..<90:
            let view = operatorViews[customer] ?? current.map { ($0.etag, $0.json) }
            base = view.flatMap { try? JSONValue(parsing: $0.json) }
            try connection.run("INSERT INTO outbox (customer_id, patch, base_etag, base_snapshot, queued_by, created_at) VALUES (?, ?, ?, ?, 'sql', ?)",
                               [customer.rawValue, patch, view?.etag, view?.json, toolTimestamp])
            editID = connection.lastInsertRowID
            trace("tool inserts edit \(editID) by SQL with a base read earlier (\(view?.etag ?? "none")) for \(customer.rawValue.prefix(8)): \(patch)")
        default:
            let broken = rng.pick([#"{"defaultAddress":{"city":"#, #"{"defaultAddress":{"planet":"Mars"}}"#,
                                   "{\"defaultAddress\":{\"addressLine1\":\"\(String(repeating: "x", count: 250))\"}}"])
            let id = rng.roll(0.3) ? "not-a-customer" : customer.rawValue
            try connection.run("INSERT INTO outbox (customer_id, patch, queued_by, created_at) VALUES (?, ?, 'sql', ?)",
                               [id, broken, toolTimestamp])
            editID = connection.lastInsertRowID
            oracleCustomer = CustomerID(id)
            wanted = [:]
            trace("tool inserts invalid edit \(editID)")
        }
        report.editsQueued += 1
        oracle.queued(id: editID, customer: oracleCustomer, wanted: wanted, base: base, afterPuts: world.events.putCount)
        if let current, rng.roll(0.5) { operatorViews[customer] = (current.etag, current.json) }
    }

    func adminChange() {
        let ids = remoteIDs()
        guard !ids.isEmpty else { return }
        // Under require, half the changes go to a customer whose edit waits for review (an
        // accepted suggestion must still be judged against the base it was queued on).
        let waiting = oracle.customersWaitingForReview.filter { ids.contains($0) }
        let customer = swarm.addressValidation == .require && !waiting.isEmpty && rng.roll(0.5) ? rng.pick(waiting) : rng.pick(ids)
        // With address validation on, admins also break postal codes (the service then answers `None`).
        let field = rng.pick(swarm.addressValidation == .off ? Simulation.fields : Simulation.fields + ["defaultAddress.postalCode"])
        counter += 1
        let text = value(for: field, tag: "a\(counter)")
        let state = world.state
        world.perform { await state.modifyProfile(customer) { $0.setValue(.string(text), atPath: field) } }
        oracle.adminSet(customer, field, text)
        trace("another admin sets \(field) of \(customer.rawValue.prefix(8)) to \(text)")
    }

    func changeCustomerSet() {
        let state = world.state
        let ids = remoteIDs()
        if ids.count > 3, rng.roll(0.25) {
            let gone = rng.pick(ids)
            guard !forbidden.contains(gone) else { return }
            world.perform { await state.removeCustomer(gone) }
            trace("customer \(gone.rawValue.prefix(8)) removed at Partner Center")
        } else {
            let added = world.perform { await state.addCustomer() }
            trace("customer \(added.rawValue.prefix(8)) added at Partner Center")
        }
    }

    func startSyncOnce() {
        guard !world.processes.contains(where: { $0.kind == .syncOnce }) else { return deliver() }
        if let started = try? world.start(.syncOnce) {
            trace("sync --once \(started.life.id) starts beside the daemon")
        }
    }

    func toggleForbidden() {
        let state = world.state
        if let lifted = forbidden.sorted().first, rng.roll(0.5) {
            forbidden.remove(lifted)
            world.perform { await state.forbidCustomer(lifted, false) }
            trace("customer \(lifted.rawValue.prefix(8)) answers again")
            return
        }
        let ids = remoteIDs()
        guard !ids.isEmpty else { return }
        let customer = rng.pick(ids)
        forbidden.insert(customer)
        world.perform { await state.forbidCustomer(customer, true) }
        trace("customer \(customer.rawValue.prefix(8)) answers 403 from now on")
    }
}
