import BillingSyncTesting
import Foundation
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite("ARM billing customers: tenant read budget and faults")
struct ARMThrottlingTests {
    @Test("x-ms-ratelimit-remaining-tenant-reads counts down; exhausted → 429 TooManyRequests with Retry-After")
    func readBudget() async throws {
        var configuration = EmulatorConfiguration.arm(customersPerAccount: 3)
        configuration.armReadsPerHour = 3
        try await EmulatorHarness.with(configuration) { h in
            let token = try await h.accessToken()
            let url = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01"
            var remaining: [Int] = []
            for _ in 0..<3 {
                let answer = try await h.arm(url, token: token)
                #expect(answer.status == 200)
                remaining.append(try #require(answer.headers.first(name: "x-ms-ratelimit-remaining-tenant-reads").flatMap(Int.init)))
            }
            #expect(remaining == [2, 1, 0])
            let throttled = try await h.arm(url, token: token)
            #expect(throttled.status == 429)
            #expect(throttled.json?.value(atPath: "error.code") == .string("TooManyRequests"))
            let retryAfter = try #require(throttled.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(retryAfter > 3000 && retryAfter <= 3600)
            #expect(throttled.headers.first(name: "x-ms-ratelimit-remaining-tenant-reads") == "0")
            #expect(await h.emulator.state.armRequestCount(status: 429) == 1)
            #expect(await h.emulator.state.armRemainingTenantReads() == 0)
        }
    }

    @Test("without a budget every answer shows 11999 remaining tenant reads, errors included")
    func unlimitedHeader() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 1)) { h in
            let token = try await h.accessToken()
            let ok = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01", token: token)
            let missing = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers", token: token)
            for answer in [ok, missing] {
                #expect(answer.headers.first(name: "x-ms-ratelimit-remaining-tenant-reads") == "11999")
            }
            #expect(missing.status == 400)
        }
    }

    @Test("FaultSettings apply to ARM: 503 and 500 in the ARM error shape, injected 429, connection resets")
    func faults() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 2)) { h in
            let token = try await h.accessToken()
            let state = h.emulator.state
            let url = EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01"
            await state.setFaults(.only(\.serviceUnavailableRate))
            let unavailable = try await h.arm(url, token: token)
            #expect(unavailable.status == 503)
            #expect(unavailable.json?.value(atPath: "error.code") == .string("ServiceUnavailable"))
            await state.setFaults(.only(\.internalServerErrorRate))
            #expect(try await h.arm(url, token: token).json?.value(atPath: "error.code") == .string("InternalServerError"))
            var faults = FaultSettings.only(\.tooManyRequestsRate)
            faults.tooManyRequestsRetryAfter = 7
            await state.setFaults(faults)
            let throttled = try await h.arm(url, token: token)
            #expect(throttled.status == 429 && throttled.headers.first(name: "Retry-After") == "7")
            #expect(throttled.json?.value(atPath: "error.code") == .string("TooManyRequests"))
            await state.setFaults(.only(\.connectionResetRate))
            await #expect(throws: (any Error).self) { _ = try await h.arm(url, token: token) }
            #expect(await state.armRequestCount(operation: "Customers_ListByBillingAccount", status: 0) == 1)
            await state.setFaults(FaultSettings())
            #expect(try await h.arm(url, token: token).status == 200)
        }
    }

    @Test("the 403 switch answers ARM calls with 403 AuthorizationFailed")
    func forbidden() async throws {
        try await EmulatorHarness.with(.arm(customersPerAccount: 1)) { h in
            let token = try await h.accessToken()
            await h.emulator.state.forbid(true)
            let answer = try await h.arm(EmulatorConfiguration.armAccountPath + "/customers?api-version=2020-05-01", token: token)
            #expect(answer.status == 403)
            #expect(answer.json?.value(atPath: "error.code") == .string("AuthorizationFailed"))
        }
    }
}
