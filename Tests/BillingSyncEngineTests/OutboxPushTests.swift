import BillingSyncEngine
import BillingSyncSQLite
import BillingSyncStore
import EmulatorCore
import PartnerCenterModels
import Testing

@Suite("Pushing queued edits")
struct OutboxPushTests {
    static let putRoute = "PUT /v1/customers/{id}/profiles/billing"

    @Test("an edit is PUT with If-Match and the full resource; unknown fields go back unchanged")
    func pushesEdit() async throws {
        try await EngineFixture.with(customers: 10) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            await fixture.state.modifyProfile(id) { $0.setValue(.string("kept"), atPath: "partnerExtension") }
            try await fixture.reconciler.runFull()
            let etag = try #require(try await fixture.store.read { try $0.profile(id) }?.etag)
            let queued = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Seattle")]), queuedBy: "test")
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 1)
            let write = try #require(await fixture.state.writeLog().last)
            #expect(write.ifMatch == "\"\(etag)\"")
            #expect(write.body.value(atPath: "defaultAddress.city")?.stringValue == "Seattle")
            #expect(write.body.value(atPath: "partnerExtension")?.stringValue == "kept")
            let edit = try #require(try await fixture.store.read { try $0.edit(id: queued.editID) })
            #expect(edit.status == .pushed)
            let mirrored = try #require(try await fixture.store.read { try $0.profile(id) })
            #expect(mirrored.etag == write.newETag)
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(history.contains { $0.entry.source == .push && $0.entry.field == "defaultAddress.city" })
            #expect(!history.contains { $0.entry.source == .remote && $0.entry.field == "defaultAddress.city" })
        }
    }

    @Test("a 412 race is resolved by re-reading and merging field by field", arguments: [
        ETagMismatchMode.preconditionFailed, .badRequest2055,
    ])
    func raceMerged(mode: ETagMismatchMode) async throws {
        try await EngineFixture.with(customers: 5, emulator: { $0.etagMismatch = mode }) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let queued = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Seattle")]), queuedBy: "test")
            await fixture.state.interceptNextWrite(to: id) { $0.setValue(.string("+1 206 555 0101"), atPath: "defaultAddress.phoneNumber") }
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 1)
            let rejectedStatus = mode == .preconditionFailed ? 412 : 400
            #expect(await fixture.state.requestCount(route: Self.putRoute, status: rejectedStatus) == 1)
            let remote = try #require(await fixture.state.profile(id))
            #expect(remote.value(atPath: "defaultAddress.city")?.stringValue == "Seattle")
            #expect(remote.value(atPath: "defaultAddress.phoneNumber")?.stringValue == "+1 206 555 0101")
            let edit = try #require(try await fixture.store.read { try $0.edit(id: queued.editID) })
            #expect(edit.status == .pushed)
            #expect(edit.attempts == 2)
            // Our field is attributed to the push, the other admin's to the remote.
            let history = try await fixture.store.read { try $0.history(customerID: id, limit: 10) }
            #expect(history.contains { $0.entry.field == "defaultAddress.city" && $0.entry.source == .push })
            #expect(history.contains { $0.entry.field == "defaultAddress.phoneNumber" && $0.entry.source == .remote })
        }
    }

    @Test("a real conflict is recorded with both sides and nothing is pushed")
    func conflictRecorded() async throws {
        try await EngineFixture.with(customers: 5) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[2]
            let base = try #require(await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue)
            let queued = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Lyon")]), queuedBy: "test")
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Marseille"), atPath: "defaultAddress.city") }
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.conflicts == 1)
            #expect(await fixture.state.writeLog().isEmpty)
            let conflict = try #require(try await fixture.store.read { try $0.conflicts(openOnly: true) }.first)
            #expect(conflict.editID == queued.editID)
            #expect(conflict.fields == ["defaultAddress.city"])
            #expect(try JSONValue(parsing: conflict.localJSON).value(atPath: "defaultAddress.city")?.stringValue == "Lyon")
            #expect(try JSONValue(parsing: conflict.remoteJSON).value(atPath: "defaultAddress.city")?.stringValue == "Marseille")
            #expect(try JSONValue(parsing: try #require(conflict.baseJSON)).value(atPath: "defaultAddress.city")?.stringValue == base)
            #expect(try await fixture.store.read { try $0.edit(id: queued.editID) }?.status == .conflict)

            // Re-applying puts the local value on top of the remote one.
            let newEdit = try #require(try await ConflictResolver(store: fixture.store).resolve(conflict.id, as: .reapply, by: "test"))
            let again = try await fixture.pusher.pushPending()
            #expect(again.pushed == 1)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.city")?.stringValue == "Lyon")
            #expect(try await fixture.store.read { try $0.edit(id: newEdit) }?.status == .pushed)
            #expect(try await fixture.store.read { try $0.conflicts(openOnly: true) }.isEmpty)
        }
    }

    @Test("edits inserted with plain SQL are validated; invalid ones are rejected with the reason and kept")
    func plainSQLEdits() async throws {
        try await EngineFixture.with(customers: 5) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[3]
            let connection = try fixture.openConnection()
            let inserts: [(String, String)] = [
                (id.rawValue, #"{"defaultAddress":{"city":"Portland"}}"#),
                ("not-a-guid/../../v1", #"{"defaultAddress":{"city":"x"}}"#),
                (id.rawValue, #"{"defaultAddress":{"citty":"x"}}"#),
                (id.rawValue, #"{"defaultAddress":{"country":"USA"}}"#),
                (id.rawValue, "not json"),
                ("3f2504e0-4f89-11d3-9a0c-0305e82c3301", #"{"email":"a@b.example"}"#),
            ]
            for (customer, patch) in inserts {
                try connection.run("INSERT INTO outbox(customer_id, patch) VALUES (?, ?)", [customer, patch])
            }
            connection.close()
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 1)
            #expect(summary.rejected == 5)
            let edits = try await fixture.store.read { try $0.edits(status: nil, limit: 10) }
            #expect(edits.count == 6)
            #expect(edits[0].status == .pushed)
            for edit in edits.dropFirst() {
                #expect(edit.status == .rejected)
                #expect(!(edit.lastError ?? "").isEmpty)
            }
            #expect(edits[1].lastError?.contains("GUID") == true)
            #expect(edits[2].lastError?.contains("citty") == true)
            #expect(edits[3].lastError?.contains("country") == true)
            #expect(edits[5].lastError?.contains("not mirrored") == true)
            #expect(await fixture.state.writeLog().count == 1)
        }
    }

    @Test("several pending edits of one customer are coalesced into one PUT, in order")
    func coalesced() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[0]
            let queue = EditQueue(store: fixture.store)
            _ = try await queue.enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Bern")]), queuedBy: "t")
            _ = try await queue.enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Genève"),
                                                                                 "companyName": .string("Nestlé Demo SA")]), queuedBy: "t")
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 2)
            #expect(await fixture.state.writeLog().count == 1)
            let remote = try #require(await fixture.state.profile(id))
            #expect(remote.value(atPath: "defaultAddress.city")?.stringValue == "Genève")
            #expect(remote.value(atPath: "companyName")?.stringValue == "Nestlé Demo SA")
        }
    }

    @Test("an edit left 'pushing' by a crash whose PUT had landed is marked pushed without a second PUT")
    func recoveryAfterCrash() async throws {
        try await EngineFixture.with(customers: 4) { fixture in
            try await fixture.reconciler.runFull()
            let id = await fixture.state.customerIDs()[1]
            let queued = try await EditQueue(store: fixture.store)
                .enqueue(customer: id, patch: EditPatch(changes: ["defaultAddress.city": .string("Oslo")]), queuedBy: "t")
            // The PUT landed, then the process died before recording it.
            await fixture.state.modifyProfile(id) { $0.setValue(.string("Oslo"), atPath: "defaultAddress.city") }
            let connection = try fixture.openConnection()
            try connection.run("UPDATE outbox SET status = 'pushing', attempts = 1 WHERE id = ?", [queued.editID])
            connection.close()
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.pushed == 1)
            #expect(await fixture.state.writeLog().isEmpty)
            #expect(try await fixture.store.read { try $0.edit(id: queued.editID) }?.status == .pushed)
        }
    }
}
