import PartnerCenterModels

/// Generates ARM billing accounts and customers deterministically from the emulator seed, and the
/// documentation's example account.
enum ARMDataGenerator {
    /// The documentation example's account, customer and billing profile names (literal).
    static let documentationAccount = "{billingAccountName}"
    static let documentationCustomer = "{customerName}"
    static let documentationProfile = ARMBillingProfile(name: "11000000-0000-0000-0000-000000000000",
                                                        displayName: "Contoso Operations Billing")

    /// The configured accounts (and the documentation example when enabled).
    static func directory(for configuration: EmulatorConfiguration) -> ARMDirectory {
        var directory = ARMDirectory()
        directory.rng = SeededGenerator(seed: configuration.seed ^ 0xA2B1_11C6_0000_0000)
        if let perHour = configuration.armReadsPerHour {
            directory.readBudget = ARMReadBudget(perHour: perHour, now: configuration.now())
        }
        for name in configuration.armBillingAccounts {
            var account = makeAccount(name: name, using: &directory.rng)
            var taken: Set<String> = []
            for _ in 0..<max(0, configuration.armCustomersPerAccount) {
                let record = makeCustomer(in: account, displayName: nil, taken: taken, using: &directory.rng)
                taken.insert(record.displayName)
                account.add(record)
            }
            directory.put(account)
        }
        if configuration.armDocumentationExample { directory.put(documentationExample()) }
        return directory
    }

    /// An account with 1–3 generated billing profiles and no customers.
    static func makeAccount(name: String, using rng: inout SeededGenerator) -> ARMBillingAccount {
        let count = Int.random(in: 1...3, using: &rng)
        let labels = profileLabels.shuffled(using: &rng).prefix(count)
        let profiles = labels.map { ARMBillingProfile(name: CustomerGenerator.guid(using: &rng), displayName: $0) }
        return ARMBillingAccount(name: name, profiles: Array(profiles))
    }

    /// A generated customer on one of the account's profiles; `displayName` overrides the drawn
    /// one, a drawn one gets a number suffix when it is in `taken`.
    static func makeCustomer(in account: ARMBillingAccount, displayName: String?, taken: Set<String>,
                             using rng: inout SeededGenerator) -> ARMCustomerRecord {
        let name = CustomerGenerator.guid(using: &rng)
        let profile = account.profiles.randomElement(using: &rng)!
        let company = SampleLocale.all.randomElement(using: &rng)!.companies.randomElement(using: &rng)!
        var label = displayName ?? company
        if displayName == nil {
            var suffix = 2
            while taken.contains(label) {
                label = "\(company) \(suffix)"
                suffix += 1
            }
        }
        var plans = [plan("0001", "Microsoft Azure Plan")]
        if rng.chance(0.3) { plans.append(plan("0002", "Microsoft Azure Plan for DevTest")) }
        let resellerCount = rng.chance(0.35) ? 0 : Int.random(in: 1...2, using: &rng)
        let resellers = resellerNames.shuffled(using: &rng).prefix(resellerCount).map {
            reseller(CustomerGenerator.guid(using: &rng), $0)
        }
        return ARMCustomerRecord(name: name, account: account.name, profile: profile, displayName: label,
                                 plans: plans, resellers: Array(resellers))
    }

    /// The account `{billingAccountName}` with the customer `{customerName}` exactly as the
    /// "Customers - Get" examples show it (Customer.json and CustomerWithExpand.json).
    static func documentationExample() -> ARMBillingAccount {
        var account = ARMBillingAccount(name: documentationAccount, profiles: [documentationProfile])
        var record = ARMCustomerRecord(
            name: documentationCustomer, account: documentationAccount, profile: documentationProfile,
            displayName: "customerName1", plans: [plan("0002", "Microsoft Azure Plan for DevTest")],
            resellers: [reseller("89e87bdf-a2a2-4687-925f-4c18b27bccfd", "Reseller1"),
                        reseller("3b65b5a8-bd4f-4084-90e9-e1bd667a2b19", "Reseller2")])
        record.compactDisplayName = "customer1"
        account.add(record)
        return account
    }

    /// An `AzurePlan`.
    static func plan(_ skuID: String, _ description: String) -> JSONValue {
        .object(["skuId": .string(skuID), "skuDescription": .string(description)])
    }

    /// A `Reseller`.
    static func reseller(_ id: String, _ description: String) -> JSONValue {
        .object(["resellerId": .string(id), "description": .string(description)])
    }

    private static let profileLabels = [
        "Contoso Operations Billing", "Fabrikam EMEA Billing", "Northwind APAC Invoicing",
        "Direct Customers – Europe", "Indirect Resellers Billing", "Abrechnung DACH", "Facturation France",
    ]

    private static let resellerNames = [
        "Wingtip Partners Ltd", "Lumière Distribution SAS", "Großhandel Nord GmbH", "さくらリセール株式会社",
        "Ação Revenda Ltda", "Tailspin Cloud Resellers", "Żubr IT Sp. z o.o.",
    ]
}
