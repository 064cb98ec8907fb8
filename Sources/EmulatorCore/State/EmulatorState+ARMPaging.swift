import PartnerCenterModels

/// One page of an ARM customer list.
struct ARMPage: Sendable {
    let items: [JSONValue]
    /// Where the next page starts; nil on the last page.
    let next: ARMSkipToken?
}

/// Why an ARM lookup failed.
enum ARMLookupFailure: Error, Sendable, Equatable {
    case accountNotFound
    case profileNotFound
    case customerNotFound
}

extension EmulatorState {
    /// Takes one tenant read; nil when granted (or no budget is set), else `Retry-After` seconds.
    package func takeARMRead() -> Int? {
        guard var budget = arm.readBudget else { return nil }
        let retryAfter = budget.take(now: configuration.now())
        arm.readBudget = budget
        return retryAfter
    }

    /// `Customers_Get`.
    func armGet(account: String, name: String, expansions: Set<ARMExpansion>) -> Result<JSONValue, ARMLookupFailure> {
        guard let billingAccount = arm.account(account) else { return .failure(.accountNotFound) }
        guard let record = billingAccount.customer(name) else { return .failure(.customerNotFound) }
        return .success(record.rendered(expanding: expansions))
    }

    /// One page of `Customers_ListByBillingAccount` (`profile` nil) or `…ListByBillingProfile`.
    /// With `armEmptyPageEvery` = N, every Nth page is empty but still has a next page.
    func armPage(account: String, profile: String?, query: ARMQuery) -> Result<ARMPage, ARMLookupFailure> {
        guard let billingAccount = arm.account(account) else { return .failure(.accountNotFound) }
        if let profile, billingAccount.profile(profile) == nil { return .failure(.profileNotFound) }
        let matching = billingAccount.orderedCustomers.filter { record in
            (profile.map { record.billingProfileName.lowercased() == $0.lowercased() } ?? true) && query.matches(record)
        }
        let position = query.position
        if let every = configuration.armEmptyPageEvery, every >= 2, position.page % every == 0,
           position.offset < matching.count {
            return .success(ARMPage(items: [], next: ARMSkipToken(offset: position.offset, page: position.page + 1)))
        }
        let size = max(1, configuration.armDefaultPageSize)
        let items = matching.dropFirst(position.offset).prefix(size).map { $0.rendered(expanding: query.expansions) }
        let nextOffset = position.offset + size
        let next = nextOffset < matching.count ? ARMSkipToken(offset: nextOffset, page: position.page + 1) : nil
        return .success(ARMPage(items: Array(items), next: next))
    }

    /// The ARM part of the statistics (`GET /_emulator/arm/stats`).
    func armStatistics() -> JSONValue {
        var byOperation: [String: JSONValue] = [:]
        for (key, count) in requestCounts where Self.armOperations.contains(key.route) {
            var statuses = byOperation[key.route]?.objectValue ?? [:]
            statuses[String(key.status)] = .integer(Int64(count))
            byOperation[key.route] = .object(statuses)
        }
        let accounts: [JSONValue] = arm.order.compactMap { arm.accounts[$0] }.map { account in
            .object([
                "name": .string(account.name),
                "billingProfiles": .array(account.profiles.map { profile in
                    .object(["name": .string(profile.name), "displayName": .string(profile.displayName)])
                }),
                "customers": .integer(Int64(account.order.count)),
            ])
        }
        var statistics: [String: JSONValue] = [
            "requests": .object(byOperation),
            "totalRequests": .integer(Int64(armRequestCount())),
            "accounts": .array(accounts),
            "remainingTenantReads": .integer(Int64(armRemainingTenantReads())),
        ]
        if let perHour = arm.readBudget?.perHour { statistics["readsPerHour"] = .integer(Int64(perHour)) }
        return .object(statistics)
    }
}
