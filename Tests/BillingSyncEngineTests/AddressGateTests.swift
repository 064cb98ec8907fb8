import BillingSyncEngine
import BillingSyncStore
import EmulatorCore
import PartnerCenterModels
import Testing

@Suite("Address checks before a push")
struct AddressGateTests {
    static let validateRoute = "POST /v1/validations/address"
    static let rulesRoute = "GET /v1/countryvalidationrules/{iso2}"
    static let putRoute = "PUT /v1/customers/{id}/profiles/billing"

    /// A fixture under `policy` with one US customer at 1 Microsoft Way, Redmond WA 98052, mirrored.
    static func withRedmond(_ policy: AddressValidationPolicy,
                            emulator: @escaping (inout EmulatorConfiguration) -> Void = { _ in },
                            _ body: (EngineFixture, CustomerID) async throws -> Void) async throws {
        try await EngineFixture.with(customers: 2, emulator: emulator, engine: { $0.addressValidation = policy }) { fixture in
            let id = await fixture.state.addCustomer(country: "US")
            await fixture.state.setProfile(id, try JSONValue(parsing: """
                {"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","culture":"en-US","language":"en",
                 "companyName":"Contoso","defaultAddress":{"country":"US","city":"Redmond","state":"WA",
                 "addressLine1":"1 Microsoft Way","postalCode":"98052","firstName":"Ada","lastName":"Lovelace"}}
                """))
            try await fixture.reconciler.runFull()
            try await body(fixture, id)
        }
    }

    static func enqueue(_ fixture: EngineFixture, _ id: CustomerID, _ changes: [String: String]) async throws -> Int64 {
        try await EditQueue(store: fixture.store)
            .enqueue(customer: id, patch: EditPatch(changes: changes.mapValues { .string($0) }), queuedBy: "test").editID
    }

    static func edit(_ fixture: EngineFixture, _ id: Int64) async throws -> OutboxEdit {
        try #require(try await fixture.store.read { try $0.edit(id: id) })
    }

    @Test("a US postal code of 4 digits is refused locally, naming the field and the rule; nothing is PUT")
    func postalCodeRule() async throws {
        try await Self.withRedmond(.require) { fixture, id in
            let editID = try await Self.enqueue(fixture, id, ["defaultAddress.postalCode": "9805"])
            let summary = try await fixture.pusher.pushPending()
            #expect(summary.rejected == 1)
            let edit = try await Self.edit(fixture, editID)
            #expect(edit.status == .rejected)
            let reason = try #require(edit.lastError)
            #expect(reason.contains("defaultAddress.postalCode") && reason.contains("postalCodeRegex"), "\(reason)")
            #expect(await fixture.state.requestCount(route: Self.validateRoute) == 0)
            #expect(await fixture.state.requestCount(route: Self.putRoute) == 0)
        }
    }

    @Test("culture, state and an unknown country are refused by the rules; rules are fetched once and cached")
    func otherRules() async throws {
        try await Self.withRedmond(.require) { fixture, id in
            let culture = try await Self.enqueue(fixture, id, ["culture": "fr-FR"])
            _ = try await fixture.pusher.pushPending()
            #expect(try await Self.edit(fixture, culture).lastError?.contains("supportedCulturesList") == true)
            let state = try await Self.enqueue(fixture, id, ["defaultAddress.state": "ZZ"])
            _ = try await fixture.pusher.pushPending()
            #expect(try await Self.edit(fixture, state).lastError?.contains("supportedStatesList") == true)
            #expect(await fixture.state.requestCount(route: Self.rulesRoute) == 1)
            let uk = try await Self.enqueue(fixture, id, ["defaultAddress.country": "UK"])
            _ = try await fixture.pusher.pushPending()
            let reason = try #require(try await Self.edit(fixture, uk).lastError)
            #expect(reason.contains("UK") && reason.contains("unknown country"), "\(reason)")
            #expect(try await fixture.store.read { try $0.countryRules(iso2: "UK") }.map { $0.rawJSON == nil } == true)
            #expect(await fixture.state.writeLog().isEmpty)
        }
    }

    @Test("require: StreetPartial waits in review with its suggestions; accepting suggestion 1 pushes it once")
    func reviewThenAccept() async throws {
        try await Self.withRedmond(.require) { fixture, id in
            let editID = try await Self.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            let first = try await fixture.pusher.pushPending()
            #expect(first.needsReview == 1 && first.pushed == 0)
            let held = try await Self.edit(fixture, editID)
            #expect(held.status == .needsReview)
            #expect(held.lastError?.contains("StreetPartial") == true)
            let review = EditReview(store: fixture.store)
            let item = try #require(try await review.pending().first)
            #expect(item.edit.id == editID && item.suggestions.count == 3)
            #expect(item.validation?.source == .push && item.validation?.status == "StreetPartial")
            #expect(await fixture.state.writeLog().isEmpty)

            let accepted = try await review.accept(editID, suggestion: 1)
            let suggestedZIP = try #require(accepted.changes["defaultAddress.postalCode"]?.stringValue)
            #expect(suggestedZIP.hasPrefix("98052-"))
            let second = try await fixture.pusher.pushPending()
            #expect(second.pushed == 1)
            #expect(await fixture.state.writeLog().count == 1)
            // The merged address with the accepted suggestion is checked once more (seed 16074) and verified.
            #expect(await fixture.state.requestCount(route: Self.validateRoute) == 2)
            let mirrored = try #require(try await fixture.store.read { try $0.profile(id) })
            #expect(mirrored.columns["defaultAddress.addressLine1"] ?? nil == "1 Microsoft Way")
            #expect(mirrored.columns["defaultAddress.postalCode"] ?? nil == suggestedZIP)
            let done = try await Self.edit(fixture, editID)
            #expect(done.status == .pushed && done.reviewAction == "accepted:1")
            #expect(try await fixture.pusher.pushPending().total == 0)
            #expect(await fixture.state.writeLog().count == 1)
        }
    }

    @Test("require: push as is is recorded and pushed without asking again; cancel is final")
    func pushAsIsAndCancel() async throws {
        try await Self.withRedmond(.require) { fixture, id in
            let first = try await Self.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            _ = try await fixture.pusher.pushPending()
            try await EditReview(store: fixture.store).pushAsIs(first)
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            #expect(try await Self.edit(fixture, first).isPushAsIs)
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.addressLine1") == .string("Microsoft Way"))
            let second = try await Self.enqueue(fixture, id, ["defaultAddress.postalCode": "98101"])
            _ = try await fixture.pusher.pushPending()
            #expect(try await Self.edit(fixture, second).status == .needsReview)
            try await EditReview(store: fixture.store).cancel(second)
            #expect(try await Self.edit(fixture, second).status == .cancelled)
            await #expect(throws: (any Error).self) { try await EditReview(store: fixture.store).pushAsIs(second) }
            #expect(try await fixture.pusher.pushPending().total == 0)
            #expect(await fixture.state.writeLog().count == 1)
            #expect(await fixture.state.requestCount(route: Self.validateRoute) == 2)
        }
    }

    @Test("warn: a not-verified address and a rule violation are pushed, the answers recorded")
    func warnPushesAndRecords() async throws {
        try await Self.withRedmond(.warn) { fixture, id in
            let editID = try await Self.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            let records = try await fixture.store.read { try $0.addressValidations(customerID: id.rawValue) }
            #expect(records.map(\.status) == ["StreetPartial"])
            #expect(records.first?.outboxID == editID && records.first?.source == .push)
            let typo = try await Self.enqueue(fixture, id, ["defaultAddress.postalCode": "9805"])
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            let recorded = try #require(try await fixture.store.read { try $0.latestAddressValidation(editID: typo) })
            #expect(recorded.status == "None" && recorded.ruleFindingsJSON.contains("postalCodeRegex"), "\(recorded)")
            #expect(await fixture.state.profile(id)?.value(atPath: "defaultAddress.postalCode") == .string("9805"))
        }
    }

    @Test("off: no rules, no address service, the edit is pushed")
    func offCallsNothing() async throws {
        try await Self.withRedmond(.off) { fixture, id in
            _ = try await Self.enqueue(fixture, id, ["defaultAddress.addressLine1": "Microsoft Way"])
            #expect(try await fixture.pusher.pushPending().pushed == 1)
            #expect(await fixture.state.requestCount(route: Self.validateRoute) == 0)
            #expect(await fixture.state.requestCount(route: Self.rulesRoute) == 0)
        }
    }

    @Test("the older contract's 400/2007 also holds the edit under require, with the corrected address")
    func legacyContract() async throws {
        try await Self.withRedmond(.require, emulator: { $0.addressValidationContract = .legacy }) { fixture, id in
            let editID = try await Self.enqueue(fixture, id, ["defaultAddress.postalCode": "98101"])
            #expect(try await fixture.pusher.pushPending().needsReview == 1)
            let item = try #require(try await EditReview(store: fixture.store).pending().first)
            #expect(item.edit.id == editID && item.validation?.status == "ZipCityInvalid")
            #expect(item.suggestions.first?.text("postalCode")?.hasPrefix("98052-") == true)
        }
    }
}

@Suite("Country rules cache")
struct CountryRulesCacheTests {
    @Test("fetched on first need, kept for maxAge, refreshed after it; a failed refresh falls back to the cached copy")
    func refresh() async throws {
        try await EngineFixture.with(customers: 1) { fixture in
            let route = "GET /v1/countryvalidationrules/{iso2}"
            let context = fixture.pusher.context
            let fresh = CountryRulesCache(client: context.client, store: fixture.store, maxAge: .seconds(3600),
                                          environment: context.environment)
            #expect(try await fresh.rules("us")?.iso2Code == "US")
            #expect(try await fresh.rules("US")?.postalCodeRegex == #"^\d{5}(-\d{4})?$"#)
            #expect(await fixture.state.requestCount(route: route) == 1)
            #expect(try await fresh.rules("USA") == nil, "not two letters: not sent")
            #expect(await fixture.state.requestCount(route: route) == 1)

            let stale = CountryRulesCache(client: context.client, store: fixture.store, maxAge: .zero,
                                          environment: context.environment)
            try await Task.sleep(for: .milliseconds(5))
            #expect(try await stale.rules("US") != nil)
            #expect(await fixture.state.requestCount(route: route) == 2)
            await fixture.state.forbid(true)  // a 403 is not retried: the refresh fails at once
            try await Task.sleep(for: .milliseconds(5))
            #expect(try await stale.rules("US")?.iso2Code == "US", "the cached copy stands in")
            #expect(try await fixture.store.read { try $0.countryRules(iso2: "US") } != nil)
            await #expect(throws: (any Error).self) { try await stale.rules("DE") }
        }
    }
}
