import BillingSyncSQLite
import PartnerCenterModels

/// The promises about what the database says happened: the history's chains and sources, and
/// conflicts never recorded against our own push.
extension SimulationOracle {
    /// No recorded conflict has our own push as its remote side: the remote value of a
    /// conflicting field is never one that only an earlier edit of ours set, by a PUT made after
    /// the conflicting edit was queued. A value a later edit of ours set in that same PUT is the
    /// later edit's: an older edit released from review after it must not undo it.
    mutating func checkConflictsAreNotWithOurselves(_ connection: Connection) throws {
        for row in try connection.query("SELECT edit_id, customer_id, fields, remote_json FROM conflicts", []) {
            guard let editID = row.int64("edit_id"), let customer = row.string("customer_id").flatMap(CustomerID.init),
                  let fields = try? JSONValue(parsing: row.string("fields") ?? "[]").arrayValue,
                  let remoteJSON = row.string("remote_json"), let remote = try? JSONValue(parsing: remoteJSON) else { continue }
            for field in fields.compactMap(\.stringValue) {
                let value = Self.text(remote, field)
                let setByAdmin = adminValues[customer]?[field]?.contains(value) == true
                let queuedAfter = edits[editID]?.queuedAfterPuts ?? Int.max
                // The PUTs after this edit was queued that set the value for one of our edits, by
                // whether that edit was queued before this one or after it.
                var earlierPuts: Set<Int> = [], laterPuts: Set<Int> = []
                for other in edits.values where other.customer == customer && other.id != editID && other.wanted[field] == .some(value) {
                    guard let put = other.appliedByPut[field], put >= queuedAfter else { continue }
                    if other.id < editID { earlierPuts.insert(put) } else { laterPuts.insert(put) }
                }
                // A value a later edit of ours set in the same PUT is that edit's (queue order:
                // the later edit wins, and an older one must not undo it).
                let ourLaterPut = !earlierPuts.subtracting(laterPuts).isEmpty
                if !setByAdmin, ourLaterPut {
                    fail("edit \(editID) was recorded as a conflict on \(field) = \(value ?? "null") of \(customer), a value only our own earlier edit set")
                }
            }
        }
    }

    /// True when an edit of ours for `customer` wanted `field` = `value`.
    func wantedByUs(_ value: String?, _ field: String, _ customer: CustomerID) -> Bool {
        edits.values.contains { $0.customer == customer && $0.wanted[field] == .some(value) }
    }

    /// Every change is in `profile_history` as one unbroken chain per field ending at the
    /// service's value; a `remote` row never carries a value only our push set, a `push` row
    /// only values our PUTs set.
    mutating func checkHistory(_ connection: Connection, remote: [CustomerID: JSONValue], stuck: Set<CustomerID>) throws {
        let rows = try connection.query("SELECT customer_id, field, old_value, new_value, source FROM profile_history ORDER BY id", [])
        var last: [String: String?] = [:]
        for row in rows {
            guard let customer = row.string("customer_id").flatMap(CustomerID.init), let field = row.string("field") else { continue }
            let old = row.string("old_value")
            let new = row.string("new_value")
            let key = "\(customer.rawValue) \(field)"
            if let previous = last[key], previous != old {
                fail("history of \(field) of \(customer) is broken: a row starts at \(old ?? "null") after one ended at \(previous ?? "null")")
            }
            last[key] = .some(new)
            guard fields.contains(field) else { continue }
            let byAdmins = adminValues[customer]?[field] ?? []
            let byUs = pushedValues[customer]?[field] ?? []
            switch row.string("source") {
            case "remote" where byUs.contains(new) && !byAdmins.contains(new):
                fail("our own push of \(field) = \(new ?? "null") for \(customer) was recorded as a remote change")
            // A value another admin set that an edit of ours also wanted cannot be told apart
            // after a PUT whose outcome was in doubt (the engine counts it as ours; the other way
            // round, above, as theirs).
            case "push" where !byUs.contains(new) && !(byAdmins.contains(new) && wantedByUs(new, field, customer)):
                fail("history says we pushed \(field) = \(new ?? "null") for \(customer), but no PUT of ours set it")
            default:
                break
            }
        }
        for (id, profile) in remote where !stuck.contains(id) {
            for field in fields {
                guard let ended = last["\(id.rawValue) \(field)"] else { continue }
                if ended != Self.text(profile, field) {
                    fail("history of \(field) of \(id) ends at \(ended ?? "null"), Partner Center has \(Self.text(profile, field) ?? "null")")
                }
            }
        }
    }
}
