import BillingSyncTesting
import Foundation
import PartnerCenterClient
import PartnerCenterEmulator
import PartnerCenterModels
import Testing

@Suite struct AuthIntegrationTests {
    private func readAll(_ fixture: EmulatorFixture, rounds: Int = 1) async throws {
        let ids = await fixture.emulator.state.customerIDs()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<rounds {
                for id in ids { group.addTask { _ = try await fixture.client.billingProfile(id) } }
            }
            try await group.waitForAll()
        }
    }

    @Test(arguments: [false, true])
    func concurrentCallersShareOneTokenRequest(refreshTokenGrant: Bool) async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 20, seed: 7), refreshTokenGrant: refreshTokenGrant) { fixture in
            try await readAll(fixture)
            #expect(await fixture.emulator.state.tokenRequestCount() == 1)
            #expect(await fixture.client.health.tokenRefreshCount == 1)
        }
    }

    @Test func tokenExpiringMidRunIsRefreshedOnce() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 16, seed: 7)) { fixture in
            try await readAll(fixture)
            #expect(await fixture.emulator.state.tokenRequestCount() == 1)
            await fixture.emulator.state.expireAllTokens()
            try await readAll(fixture, rounds: 2)
            #expect(await fixture.emulator.state.tokenRequestCount() == 2)
            #expect(await fixture.emulator.state.requestCount(status: 401) >= 1)
        }
    }

    // tokensAreRefreshedAheadOfExpiry moved to TokenProviderTests, on a clock the test moves (no real sleep).

    @Test func revokedRefreshTokenIsACredentialErrorNotRetried() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7), refreshTokenGrant: true) { fixture in
            await fixture.emulator.state.revokeRefreshToken()
            do throws(PartnerCenterError) {
                try await fixture.client.fetchAccessToken()
                Issue.record("a revoked refresh token must fail")
            } catch {
                #expect(error.kind == .credential)
                #expect(error.code == "invalid_grant")
                #expect(error.message.contains("operator"))
                #expect(!error.description.contains(fixture.emulator.configuration.credentials.refreshToken))
            }
            #expect(await fixture.emulator.state.tokenRequestCount() == 1)
        }
    }

    @Test func wrongSecretIsACredentialError() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7), tweak: {
            $0.credentials.grant = .clientCredentials(secret: "wrong-secret-value")
        }) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            await #expect { try await fixture.client.billingProfile(id) } throws: { error in
                guard let error = error as? PartnerCenterError else { return false }
                return error.kind == .credential && !error.description.contains("wrong-secret-value")
            }
            #expect(await fixture.emulator.state.requestCount(route: "GET /v1/customers/{id}/profiles/billing") == 0)
        }
    }

    @Test func forbiddenIsReported() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 1, seed: 7)) { fixture in
            let id = try #require(await fixture.emulator.state.customerIDs().first)
            await fixture.emulator.state.forbid(true)
            await #expect { try await fixture.client.billingProfile(id) } throws: { error in
                (error as? PartnerCenterError)?.kind == .forbidden
            }
            #expect(await fixture.client.health.lastErrorKind == .forbidden)
        }
    }

    @Test func logsNeverContainSecretsOrTokens() async throws {
        try await EmulatorFixture.with(EmulatorConfiguration(customerCount: 6, seed: 7), refreshTokenGrant: true) { fixture in
            let ids = await fixture.emulator.state.customerIDs()
            await fixture.emulator.state.setFaults(.only(\.internalServerErrorRate, 0.3))
            for id in ids { _ = try await fixture.client.billingProfile(id) }
            await fixture.emulator.state.expireAllTokens()
            _ = try await fixture.client.billingProfile(ids[0])
            await fixture.emulator.state.revokeRefreshToken()
            await fixture.emulator.state.expireAllTokens()
            _ = try? await fixture.client.billingProfile(ids[1])

            let logs = fixture.logs.text
            #expect(logs.contains("request_id"))
            #expect(logs.contains("correlation_id"))
            let credentials = fixture.emulator.configuration.credentials
            #expect(!logs.contains(credentials.clientSecret))
            #expect(!logs.contains(credentials.refreshToken))
            #expect(!logs.contains("eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0"))
            #expect(!logs.lowercased().contains("bearer"))
        }
    }
}
