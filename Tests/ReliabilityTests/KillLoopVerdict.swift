import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterModels
import Testing

/// The checks after the kill loop, and its one-line summary.
enum KillLoopVerdict {
    static func check(run: KillLoopRun, harness: DaemonLauncher, initialETags: [CustomerID: String]) async throws {
        let state = harness.state
        #expect(try OutboxSQL.integrityCheck(databasePath: harness.databasePath) == ["ok"])
        let reader = try StoreReader(path: harness.databasePath)
        let edits = try reader.read { try $0.edits(status: nil, limit: 100_000) }
        #expect(edits.count == run.queued.count, "the outbox lost rows: \(edits.count) of \(run.queued.count)")
        let byID = Dictionary(uniqueKeysWithValues: edits.map { ($0.id, $0) })
        var counts: [EditStatus: Int] = [:]
        for queued in run.queued {
            guard let edit = byID[queued.id] else { continue }
            counts[edit.status, default: 0] += 1
            #expect([.pushed, .conflict, .rejected, .failed].contains(edit.status), "edit \(edit.id) ended \(edit.status)")
            if edit.status != .pushed {
                #expect(!(edit.lastError ?? "").isEmpty, "edit \(edit.id) ended \(edit.status) without a reason")
            }
            if queued.isInvalid {
                #expect(edit.status == .rejected, "invalid edit \(edit.id) \(queued.patch) ended \(edit.status)")
            } else {
                #expect(edit.status != .rejected, "valid edit \(edit.id) was rejected: \(edit.lastError ?? "")")
            }
        }

        let audit = WriteLogAudit(writes: await state.writeLog(), edits: edits, queued: run.queued,
                                  initialETags: initialETags, audit: await state.auditRecords())
        #expect(audit.problems.isEmpty, "\(audit.problems.prefix(20).joined(separator: "\n"))")

        var mismatched: [String] = []
        let ids = await state.customerIDs()
        let mirrored = try reader.read { try $0.profiles(ids) }
        for id in ids where mirrored[id]?.resource != (await state.profile(id)) {
            mismatched.append(id.rawValue)
        }
        #expect(mismatched.isEmpty, "mirror differs from Partner Center for \(mismatched.count) customers: \(mismatched.prefix(5))")

        #expect(run.kills >= 50)
        #expect(run.killsDuringReconcile >= 1, "no kill landed in a full reconcile")
        #expect(run.killsDuringPush >= run.scale.killsDuringPush,
                "\(run.killsDuringPush) kills landed while an edit was being pushed; scale \(run.scale.name) needs \(run.scale.killsDuringPush)")
        print("reliability: kill-loop scale=\(run.scale.name) kills=\(run.kills) during_reconcile=\(run.killsDuringReconcile) "
              + "during_push=\(run.killsDuringPush) before_ready=\(run.killsBeforeReady) customers=\(ids.count) "
              + "edits=\(run.queued.count) pushed=\(counts[.pushed, default: 0]) conflict=\(counts[.conflict, default: 0]) "
              + "rejected=\(counts[.rejected, default: 0]) failed=\(counts[.failed, default: 0]) lost=\(audit.lost) "
              + "duplicated=\(audit.duplicated) writes=\(await state.writeLog().count) mirror_mismatches=\(mismatched.count)")
    }
}
