import BillingSyncSQLite
import BillingSyncStore
import BillingSyncTesting
import Foundation
import PartnerCenterModels
import Logging
import PartnerCenterEmulator
import Testing

@Suite("reliability: fuzzed outbox patches")
struct PatchFuzzTests {
    @Test("every fuzzed patch inserted by SQL ends rejected with a reason, or pushed when valid; never a crash")
    func fuzzedPatches() async throws {
        let scale = ReliabilityScale.current
        let environment = try await EmulatedEnvironment.start(EmulatorConfiguration(customerCount: 10, seed: 51))
        var quiet = Logger(label: "reliability.patch-fuzz")
        quiet.logLevel = .critical
        let components = try environment.components(logger: quiet)
        try await components.scheduler.reconciler.runFull()
        let ids = await environment.emulator.state.customerIDs()

        var fuzzer = PatchFuzzer(rng: SeededGenerator(seed: 0xf022))
        var customerRNG = SeededGenerator(seed: 0xc057)
        var nonUTF8 = 0
        for _ in 0..<scale.patchInputs {
            let bytes = fuzzer.next()
            let customer = Int.random(in: 0..<20, using: &customerRNG) == 0 ? "not-a-guid" : ids.randomElement(using: &customerRNG)!.rawValue
            if String(validating: bytes, as: UTF8.self) == nil { nonUTF8 += 1 }
            _ = try OutboxSQL.insert(databasePath: environment.databasePath,
                                 sql: "INSERT INTO outbox(customer_id, patch) VALUES (?, CAST(? AS TEXT))", [customer, bytes])
        }
        try await components.scheduler.pusher.pushPending(limit: 100_000)

        let edits = try await components.store.read { try $0.edits(status: nil, limit: 100_000) }
        #expect(edits.count == scale.patchInputs)
        var counts: [EditStatus: Int] = [:]
        for edit in edits {
            counts[edit.status, default: 0] += 1
            #expect([.rejected, .pushed].contains(edit.status), "edit \(edit.id) \(edit.patchText.prefix(80)) ended \(edit.status): \(edit.lastError ?? "")")
            if edit.status == .rejected {
                #expect(!(edit.lastError ?? "").isEmpty, "edit \(edit.id) rejected without a reason")
            }
        }
        #expect(counts[.rejected, default: 0] > 0 && counts[.pushed, default: 0] > 0)
        print("reliability: patch-fuzz inputs=\(scale.patchInputs) non_utf8=\(nonUTF8) rejected=\(counts[.rejected, default: 0]) "
              + "pushed=\(counts[.pushed, default: 0]) other=\(edits.count - counts[.rejected, default: 0] - counts[.pushed, default: 0]) crashes=0")
        await components.shutdownHTTP()
        try await environment.shutdown()
    }
}
