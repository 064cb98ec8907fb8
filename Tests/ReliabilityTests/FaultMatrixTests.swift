import BillingSyncStore
import BillingSyncTesting
import Foundation
import Logging
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("reliability: every emulator fault, alone and mixed, against the in-process engine")
struct FaultMatrixTests {
    @Test("the sync survives the fault; once it is off the mirror matches and every edit is pushed once",
          arguments: FaultCase.all)
    func fault(_ fault: FaultCase) async throws {
        let environment = try await EmulatedEnvironment.start(EmulatorConfiguration(customerCount: 24, seed: 21)) { settings in
            settings.push.maxAttempts = 30
            settings.sync.maxConcurrency = 4
        }
        let state = environment.emulator.state
        var quiet = Logger(label: "reliability.faults")
        quiet.logLevel = .critical
        let components = try environment.components(logger: quiet)
        let engine = components.scheduler
        try await engine.reconciler.runFull()
        let ids = await state.customerIDs()
        var initialETags: [CustomerID: String] = [:]
        for id in ids { initialETags[id] = await state.profile(id)?.value(atPath: "attributes.etag")?.stringValue }

        var rng = SeededGenerator(seed: 0xed17)
        var queued: [QueuedEdit] = []
        for number in 0..<6 {
            let customer = number < 3 ? ids[0] : ids[number]
            var edit = QueuedEdit.make(number: number, customer: customer, rng: &rng)
            edit.id = try OutboxSQL.insert(databasePath: environment.databasePath, customerID: edit.customerID, patch: edit.patch)
            queued.append(edit)
        }

        await fault.apply(to: state)
        let underFault = Task { () -> Int in
            var errors = 0
            do { try await engine.reconciler.runFull() } catch { errors += 1 }
            do { try await engine.pusher.pushPending() } catch { errors += 1 }
            return errors
        }
        try await Task.sleep(for: .milliseconds(600))
        await fault.remove(from: state)
        let errorsUnderFault = await underFault.value
        try await engine.reconciler.runFull()
        try await engine.pusher.pushPending()

        let edits = try await components.store.read { try $0.edits(status: nil, limit: 100) }
        #expect(edits.allSatisfy { $0.status == .pushed }, "\(edits.map { "\($0.id) \($0.status) \($0.lastError ?? "")" })")
        let audit = WriteLogAudit(writes: await state.writeLog(), edits: edits, queued: queued,
                                  initialETags: initialETags, audit: await state.auditRecords())
        #expect(audit.problems.isEmpty, "\(audit.problems.joined(separator: "\n"))")
        let mirrored = try await components.store.read { try $0.profiles(ids) }
        var mismatched = 0
        for id in ids where mirrored[id]?.resource != (await state.profile(id)) { mismatched += 1 }
        #expect(mismatched == 0, "mirror differs for \(mismatched) customers")
        let health = await components.client.health
        print("reliability: fault=\"\(fault.name)\" pass_errors=\(errorsUnderFault) edits=\(edits.count) "
              + "pushed=\(edits.filter { $0.status == .pushed }.count) writes=\(await state.writeLog().count) "
              + "requests=\(health.requestCount) failed_requests=\(health.failedRequestCount) mirror_mismatches=\(mismatched)")
        await components.shutdownHTTP()
        try await environment.shutdown()
    }
}
