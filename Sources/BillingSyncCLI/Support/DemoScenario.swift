import BillingSyncConfig
import BillingSyncDaemon
import BillingSyncEngine
import BillingSyncStore
import EmulatorSetup
import Foundation
import Logging
import PartnerCenterEmulator
import PartnerCenterModels

/// The demo's story: sync, push through a 412 race, record a real conflict, detect drift, and
/// mirror the Azure Resource Manager billing customers.
struct DemoScenario {
    /// The emulated Microsoft Partner Agreement billing account of step 5.
    static let armAccount = "1234567:5e1f0c2d-7a4b-4c3d-9e8f-0a1b2c3d4e5f_2019-05-31"

    let customerCount: Int
    let seed: UInt64
    let folder: String

    var databasePath: String { folder + "/billing-sync.sqlite" }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var emulatorConfiguration = EmulatorConfiguration(customerCount: customerCount, seed: seed)
        emulatorConfiguration.accessTokenLifetime = .seconds(3600)
        emulatorConfiguration.armBillingAccounts = [Self.armAccount]
        emulatorConfiguration.armCustomersPerAccount = 6
        let emulator = try await PartnerCenterEmulator.start(emulatorConfiguration)
        say("Partner Center emulator listening on \(emulator.baseURL) with \(customerCount) customers (seed \(seed))")
        say("database: \(databasePath)")
        let loaded = LoadedConfiguration.forEmulator(emulator, databasePath: databasePath) { configuration in
            configuration.azure.enabled = true
            configuration.azure.armBaseURL = configuration.partnerCenter.baseURL
            configuration.azure.billingAccounts = [Self.armAccount]
        }
        let components = try DaemonComponents.make(loaded: loaded, observer: NoSyncObserver(),
                                                   logger: Logger(label: "billing-sync.demo"))
        do {
            try await story(components, emulator: emulator)
        } catch {
            await components.shutdownHTTP()
            try? await emulator.shutdown()
            throw error
        }
        await components.shutdownHTTP()
        try await emulator.shutdown()
        try writeConfiguration(loaded)
        say("demo finished in \(String(format: "%.1f", (clock.now - started).seconds)) s")
        printExploration()
    }

    func story(_ components: DaemonComponents, emulator: PartnerCenterEmulator) async throws {
        let store = components.store
        let scheduler = components.scheduler
        let clock = ContinuousClock()

        // 1. Full sync.
        let syncStart = clock.now
        let counts = try await scheduler.reconciler.runFull()
        say("1. full sync: \(counts.customersSeen) customers, \(counts.profilesFetched) profiles fetched in \(String(format: "%.2f", (clock.now - syncStart).seconds)) s")

        let ids = await emulator.state.customerIDs()
        let raced = ids[0], conflicted = ids[1]

        // 2. An edit whose PUT meets a 412: another admin changes the phone number in between.
        let queue = EditQueue(store: store)
        let patch = EditPatch(changes: ["defaultAddress.city": .string("Seattle"), "defaultAddress.addressLine2": .string("Suite 500")])
        let first = try await queue.enqueue(customer: raced, patch: patch, queuedBy: "demo")
        await emulator.state.interceptNextWrite(to: raced) { profile in
            profile.setValue(.string("+1 425 555 0100"), atPath: "defaultAddress.phoneNumber")
        }
        // 3. An edit that really conflicts: another admin moved the same field elsewhere.
        let second = try await queue.enqueue(customer: conflicted, patch: EditPatch(changes: ["defaultAddress.city": .string("Lyon")]),
                                             queuedBy: "demo")
        await emulator.state.modifyProfile(conflicted) { $0.setValue(.string("Marseille"), atPath: "defaultAddress.city") }
        let summary = try await scheduler.pusher.pushPending()
        let pushedEdit = try await store.read { try $0.edit(id: first.editID) }
        let remote = await emulator.state.profile(raced)
        let status412 = await emulator.state.requestCount(route: "PUT /v1/customers/{id}/profiles/billing", status: 412)
        say("2. edit #\(first.editID) for \(raced): city → Seattle, addressLine2 → Suite 500, while another admin changed the phone")
        say("   PUT answered 412 \(status412) time(s); re-read, merged, pushed: status \(pushedEdit?.status.rawValue ?? "?") after \(pushedEdit?.attempts ?? 0) attempts")
        say("   Partner Center now has city \(remote?.value(atPath: "defaultAddress.city")?.stringValue ?? "?"), phone \(remote?.value(atPath: "defaultAddress.phoneNumber")?.stringValue ?? "?") (both changes kept)")
        let conflicts = try await store.read { try $0.conflicts(openOnly: true) }
        say("3. edit #\(second.editID) for \(conflicted): city → Lyon, but another admin set it to Marseille: \(summary.conflicts) conflict(s) recorded")
        for conflict in conflicts {
            say("   conflict \(conflict.id) on \(conflict.fields.joined(separator: ", ")); resolve with `billing-sync resolve \(conflict.id) --keep-remote|--reapply`")
        }

        // 4. Drift by other admins, picked up from the audit feed.
        await emulator.state.setDrift(DriftSettings(changesPerMinute: 1200))
        try await Task.sleep(for: .milliseconds(1500))
        await emulator.state.setDrift(nil)
        let poll = try await scheduler.poller.pollOnce()
        let totals = try await store.read { try $0.counts() }
        say("4. drift: the audit feed listed \(poll.records) changes; \(poll.refreshed.count) customers re-fetched; \(totals.historyRows) field changes in profile_history")
        say("   history of \(raced):")
        for row in try await store.read({ try $0.history(customerID: raced, limit: 10) }) {
            say("     \(row.entry.source.rawValue): \(row.entry.field) \(row.entry.oldValue ?? "∅") → \(row.entry.newValue ?? "∅")")
        }

        // 5. Azure billing customers (ARM), with their plans and resellers, and drift of one of them.
        if let mirror = components.azureMirror, let name = await emulator.state.armCustomers(account: Self.armAccount).first?.text("name") {
            let azure = try await mirror.runOnce()
            await emulator.state.modifyARMCustomer(account: Self.armAccount, name: name) {
                $0.setValue(.string("Contoso Renamed"), atPath: "properties.displayName")
            }
            try await mirror.runOnce()
            say("5. azure: \(azure.customersSeen) ARM customers of billing account \(Self.armAccount) in azure_customers")
            for row in try await store.read({ try $0.azureCustomers(account: Self.armAccount) }).prefix(3) {
                let plans = (row.record.plans ?? []).map(\.skuID).joined(separator: ",")
                let resellers = (row.record.resellers ?? []).map { $0.description ?? $0.resellerID }.joined(separator: ", ")
                say("   \(row.record.name) \(row.record.displayName ?? "∅"): plans \(plans.isEmpty ? "none" : plans); resellers \(resellers.isEmpty ? "none" : resellers)")
            }
            for entry in try await store.read({ try $0.azureHistory(account: Self.armAccount, name: name, limit: 5) }) {
                say("   drift of \(name): \(entry.field) \(entry.oldValue ?? "∅") → \(entry.newValue ?? "∅")")
            }
        }
    }

    /// The configuration of this run beside the database (the emulator has stopped: the
    /// read-only commands and `edit` work on the database; `sync`/`run` need `billing-sync
    /// emulator --write-config DIR` for a live emulator).
    func writeConfiguration(_ loaded: LoadedConfiguration) throws {
        let path = try EmulatorConfigurationFile(loaded: loaded, folder: folder).write()
        say("configuration: \(path) (secrets beside it, mode 0600)")
    }

    var configPath: String { folder + "/billing-sync.toml" }

    func printExploration() {
        say("")
        say("Continue with the CLI on this database:")
        say("  billing-sync status --config \(configPath)")
        say("  billing-sync conflicts --config \(configPath)")
        say("  billing-sync history <customer-id> --config \(configPath)")
        say("  billing-sync edit <customer-id> --set defaultAddress.city=Seattle --config \(configPath)")
        say("")
        say("Explore the mirror (read-only, while anything else writes):")
        say("  sqlite3 -readonly \(databasePath) \"SELECT customer_id, company_name, address_city, address_country FROM current_profiles LIMIT 5;\"")
        say("  sqlite3 -readonly \(databasePath) \"SELECT detected_at, source, field, old_value, new_value FROM recent_drift ORDER BY detected_at DESC LIMIT 10;\"")
        say("  sqlite3 -readonly \(databasePath) \"SELECT id, customer_id, status, attempts, last_error FROM outbox;\"")
        say("  sqlite3 -readonly \(databasePath) \"SELECT * FROM open_conflicts;\"")
        say("  sqlite3 -readonly \(databasePath) \"SELECT customer_name, display_name, azure_plans, resellers FROM azure_customer_overview;\"")
    }

    func say(_ line: String) {
        print(line)
    }
}
