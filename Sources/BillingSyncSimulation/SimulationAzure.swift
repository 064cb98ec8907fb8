import AzureBillingClient
import BillingSyncEngine
import BillingSyncSQLite
import EmulatorCore
import PartnerCenterAPI
import PartnerCenterClient
import PartnerCenterModels

/// The Azure part of a seed's world: in a share of the seeds (`SimulationOptions.azureShare`,
/// decided from the seed's own Azure stream) every process runs with `[azure] enabled`, its real
/// `AzureBillingClient` over a `SimulatedWire` (ARM answered by the emulator's `ARMRouter`), and
/// another admin changes ARM customers between steps. Every Azure decision is drawn from this
/// stream, never from the driver's, so a seed without Azure makes the same decisions as before
/// Azure existed.
struct SimulationAzure {
    /// The billing accounts the processes mirror (`[azure] billing_accounts`).
    static let configuredAccounts = ["sim-mpa-1", "sim-mpa-2"]
    /// An account ARM has that no process is configured for: it must never reach the store.
    static let unconfiguredAccount = "sim-mpa-unconfigured"
    /// The ARM host of the simulation (`[azure] arm_base_url`); `nextLink`s point here.
    static let armBaseURL = "http://management.simulated"
    /// `[azure] interval` of the simulated processes.
    static let interval: Duration = .seconds(240)

    var rng: SeededGenerator
    let enabled: Bool
    /// ARM's `armEmptyPageEvery` in this seed (every Nth list page empty but with a `nextLink`), or nil.
    let emptyPageEvery: Int?
    /// ARM's tenant read budget per hour in this seed (429 `TooManyRequests` + `Retry-After` when
    /// spent, and the client's pacing on `x-ms-ratelimit-remaining-tenant-reads`), or nil: none.
    let readsPerHour: Int?
    /// In 4 Azure seeds in 10 the second account is listed by one of its billing profiles only
    /// (`[azure] billing_profiles = ["<account>/<profile>"]`, `Customers_ListByBillingProfile`):
    /// which of the account's profiles (modulo their number), or nil: the whole account.
    let profileChoice: Int?
    /// The billing profile name that choice picked once ARM's data exists (`resolveProfile`).
    private(set) var profile: String?

    /// The account a seed may list by one billing profile.
    static var profileScopedAccount: String { configuredAccounts[1] }

    init(seed: UInt64, options: SimulationOptions) {
        var rng = SeededGenerator(seed: seed ^ 0x415A_5552_455F_5349)
        enabled = options.azureShare >= 1 || (options.azureShare > 0 && rng.roll(options.azureShare))
        emptyPageEvery = rng.roll(0.3) ? 2 + rng.index(2) : nil
        readsPerHour = rng.roll(0.3) ? 12 + rng.index(24) : nil
        profileChoice = rng.roll(0.4) ? rng.index(3) : nil
        self.rng = rng
    }

    var description: String {
        "[azure] enabled\(emptyPageEvery.map { ", every \($0)th ARM page empty" } ?? "")"
            + (readsPerHour.map { ", ARM reads \($0)/hour" } ?? "")
            + (profile.map { ", \(Self.profileScopedAccount) listed by billing profile \($0.prefix(8))" } ?? "")
    }

    /// Picks the billing profile of `profileScopedAccount` this seed lists (ARM's data is
    /// generated with the emulator's state, so the names are known only then).
    mutating func resolveProfile(among profiles: [String]) {
        guard let profileChoice, !profiles.isEmpty else { return }
        profile = profiles[profileChoice % profiles.count]
    }

    /// What the mirror lists: the configured accounts, expanded; the second one whole or by
    /// this seed's billing profile.
    var settings: AzureMirrorSettings {
        AzureMirrorSettings(billingAccounts: Self.configuredAccounts,
                            billingProfiles: profile.map { ["\(Self.profileScopedAccount)/\($0)"] } ?? [],
                            expand: true, interval: Self.interval)
    }

    /// True when the mirror's scopes cover `customer` (an ARM customer of `account`).
    func lists(_ customer: JSONValue, of account: String) -> Bool {
        guard let profile, account == Self.profileScopedAccount else { return true }
        return customer.value(atPath: "properties.billingProfileId")?.stringValue?.lowercased()
            .hasSuffix("/billingprofiles/\(profile.lowercased())") ?? false
    }

    /// The emulator's ARM data: every account with a few customers on small pages (so every
    /// listing pages, and a lost or repeated page shows).
    func configure(_ configuration: inout EmulatorConfiguration) {
        configuration.armBillingAccounts = Self.configuredAccounts + [Self.unconfiguredAccount]
        configuration.armCustomersPerAccount = 4
        configuration.armDefaultPageSize = 2
        configuration.armEmptyPageEvery = emptyPageEvery
        configuration.armReadsPerHour = readsPerHour
    }

    /// The ARM client the daemon builds (`azureClientConfiguration()`): Partner Center's app
    /// registration and refresh-token file with the ARM scope, the simulation's request timeout.
    static func clientConfiguration(_ partnerCenter: PartnerCenterClientConfiguration) -> AzureBillingClientConfiguration {
        var credentials = partnerCenter.credentials
        credentials.form = .v2(scope: "https://management.azure.com/.default")
        return AzureBillingClientConfiguration(armBaseURL: armBaseURL, credentials: credentials, maxConcurrency: 3,
                                               requestTimeout: partnerCenter.requestTimeout)
    }
}

/// The Azure workload and oracle of a seed (nothing happens in a seed without Azure).
extension SimulationDriver {
    /// Between steps: with a small probability another admin adds, renames or removes an ARM
    /// customer (of a configured account mostly, sometimes of the unconfigured one).
    func azureStep() {
        guard azure.enabled, azure.rng.roll(0.06) else { return }
        let state = world.state
        let account = azure.rng.roll(0.85) ? azure.rng.pick(SimulationAzure.configuredAccounts) : SimulationAzure.unconfiguredAccount
        let names = world.perform { await state.armCustomers(account: account).compactMap { $0.text("name") } }
        let action = names.isEmpty ? 0 : azure.rng.index(3)
        counter += 1
        let tag = counter
        switch action {
        case 0:
            let name = world.perform { await state.addARMCustomer(account: account, displayName: "Azure customer a\(tag)") }
            trace("ARM admin adds customer \(name.prefix(8)) to \(account)")
        case 1:
            let name = azure.rng.pick(names)
            world.perform {
                await state.modifyARMCustomer(account: account, name: name) {
                    $0.setValue(.string("Azure customer r\(tag)"), atPath: "properties.displayName")
                }
            }
            trace("ARM admin renames customer \(name.prefix(8)) of \(account)")
        default:
            let name = azure.rng.pick(names)
            world.perform { _ = await state.removeARMCustomer(account: account, name: name) }
            trace("ARM admin removes customer \(name.prefix(8)) of \(account)")
        }
        report.azureChanges += 1
    }

    /// The Azure mirror's settling condition: a pass that began after the faults ended (`since`:
    /// the largest `sync_runs` id then) listed every scope.
    func azureSettled(since: Int64) throws -> Bool {
        guard azure.enabled, let connection else { return true }
        return try connection.queryFirst(
            "SELECT count(*) AS n FROM sync_runs WHERE kind = 'azure' AND id > ? AND status = 'ok'", [since]
        )?.int64("n") ?? 0 > 0
    }

    /// ARM's customers that the mirror's scopes cover, by configured account (expanded), for the
    /// quiescence check.
    func armCustomersOfConfiguredScopes() -> [String: [JSONValue]] {
        let state = world.state
        let all = world.perform {
            var customers: [String: [JSONValue]] = [:]
            for account in SimulationAzure.configuredAccounts { customers[account] = await state.armCustomers(account: account) }
            return customers
        }
        return all.reduce(into: [:]) { covered, entry in covered[entry.key] = entry.value.filter { azure.lists($0, of: entry.key) } }
    }
}

/// The oracle's Azure checks: after every step the cheap invariants of the `azure_*` tables; at
/// quiescence mirror = ARM.
extension SimulationOracle {
    /// No row for an account no process is configured for, nor of another billing profile of an
    /// account listed by one profile; no plan or reseller row without its customer.
    mutating func checkAzureTables(_ connection: Connection, profile: String?) throws {
        let accounts = SimulationAzure.configuredAccounts.map { "'\($0)'" }.joined(separator: ", ")
        let foreign = try connection.queryFirst(
            "SELECT count(*) AS n FROM azure_customers WHERE billing_account NOT IN (\(accounts))", [])?.int64("n") ?? 0
        if foreign > 0 { fail("\(foreign) azure_customers rows belong to a billing account no process is configured for") }
        if let profile {
            let outside = try connection.queryFirst("""
                SELECT count(*) AS n FROM azure_customers WHERE billing_account = ?
                AND lower(billing_profile_id) NOT LIKE '%/billingprofiles/' || lower(?)
                """, [SimulationAzure.profileScopedAccount, profile])?.int64("n") ?? 0
            if outside > 0 {
                fail("\(outside) azure_customers rows of \(SimulationAzure.profileScopedAccount) belong to a billing profile no process lists")
            }
        }
        for table in ["azure_customer_plans", "azure_customer_resellers"] {
            let orphans = try connection.queryFirst("""
                SELECT count(*) AS n FROM \(table) t WHERE NOT EXISTS (SELECT 1 FROM azure_customers a
                WHERE a.billing_account = t.billing_account AND a.name = t.customer_name)
                """, [])?.int64("n") ?? 0
            if orphans > 0 { fail("\(orphans) \(table) rows have no customer") }
        }
    }

    /// Mirror = ARM: every customer ARM lists for a configured scope has a row not marked
    /// removed, with ARM's display name, billing profile, plans and resellers; every other row
    /// of the account is marked removed.
    mutating func checkAzureQuiescence(_ connection: Connection, arm: [String: [JSONValue]]) throws {
        for (account, customers) in arm.sorted(by: { $0.key < $1.key }) {
            var rows: [String: Row] = [:]
            for row in try connection.query("""
                SELECT name, display_name, billing_profile_id, billing_profile_display_name, removed_at
                FROM azure_customers WHERE billing_account = ?
                """, [account]) {
                if let name = row.string("name") { rows[name] = row }
            }
            var listed: Set<String> = []
            for customer in customers {
                guard let name = customer.text("name") else { continue }
                listed.insert(name)
                let short = "\(account)/\(name.prefix(8))"
                guard let row = rows[name] else {
                    fail("ARM customer \(short) is not mirrored after the faults ended")
                    continue
                }
                if row.string("removed_at") != nil { fail("ARM customer \(short) is listed by ARM but mirrored as removed") }
                let properties = customer[member: "properties"] ?? .null
                for (column, field) in [("display_name", "displayName"), ("billing_profile_id", "billingProfileId"),
                                        ("billing_profile_display_name", "billingProfileDisplayName")]
                where row.string(column) != properties.text(field) {
                    fail("ARM customer \(short): mirrored \(column) \(row.string(column) ?? "null") but ARM has \(properties.text(field) ?? "null")")
                }
                try checkAzureMembers(connection, account: account, name: name, table: "azure_customer_plans", column: "sku_id",
                                      arm: properties[member: "enabledAzurePlans"], key: "skuId")
                try checkAzureMembers(connection, account: account, name: name, table: "azure_customer_resellers",
                                      column: "reseller_id", arm: properties[member: "resellers"], key: "resellerId")
            }
            for (name, row) in rows where !listed.contains(name) && row.string("removed_at") == nil {
                fail("mirrored Azure customer \(account)/\(name.prefix(8)) is no longer in ARM but not marked removed")
            }
        }
    }

    private mutating func checkAzureMembers(_ connection: Connection, account: String, name: String, table: String,
                                            column: String, arm: JSONValue?, key: String) throws {
        let expected = Set((arm?.arrayValue ?? []).compactMap { $0.text(key) })
        let mirrored = Set(try connection.query("SELECT \(column) FROM \(table) WHERE billing_account = ? AND customer_name = ?",
                                                [account, name]).compactMap { $0.string(column) })
        if expected != mirrored {
            fail("ARM customer \(account)/\(name.prefix(8)): mirrored \(table) \(mirrored.sorted()) but ARM has \(expected.sorted())")
        }
    }
}
