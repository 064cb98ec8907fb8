import AsyncHTTPClient
import BillingSyncTesting
import Foundation
import Logging
@testable import PartnerCenterClient
import PartnerCenterEmulator
import Synchronization
import Testing

/// A refresh-token store in memory, as the daemon's file keeps it across restarts.
final class MemoryRefreshTokenStore: RefreshTokenStore {
    private let kept = Mutex<(token: String, credential: String)?>(nil)
    var token: String? { kept.withLock { $0?.token } }
    func newest(descendingFrom credential: String) -> String? {
        kept.withLock { $0?.credential == credential ? $0?.token : nil }
    }
    func save(_ token: String, descendingFrom credential: String) throws {
        kept.withLock { $0 = (token, credential) }
    }
}

@Suite struct TokenProviderTests {
    static func provider(_ emulator: PartnerCenterEmulator, refreshToken: String? = nil,
                         store: (any RefreshTokenStore)? = nil,
                         clock: some Clock<Duration> = ContinuousClock()) -> TokenProvider {
        let credentials = emulator.configuration.credentials
        let grant: ClientCredentials.Grant = .refreshToken(clientSecret: credentials.clientSecret,
                                                          refreshToken: refreshToken ?? credentials.refreshToken)
        return TokenProvider(
            credentials: ClientCredentials(tokenURL: emulator.tokenURL, clientID: credentials.clientID,
                                           tenantID: emulator.configuration.tenantID, grant: grant,
                                           form: .v2(scope: "https://api.partnercenter.microsoft.com/.default"),
                                           refreshTokenStore: store),
            exchange: AsyncHTTPClientExchange(httpClient: .shared, timeout: .seconds(10), maxResponseBytes: 1 << 20),
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50)),
            logger: Logger(label: "test"), clock: clock)
    }

    static func withEmulator(rotating: Bool = false, lifetime: Duration = .seconds(3600),
                             _ body: (PartnerCenterEmulator) async throws -> Void) async throws {
        var configuration = EmulatorConfiguration(customerCount: 1, seed: 7)
        configuration.rotatesRefreshTokens = rotating
        configuration.accessTokenLifetime = lifetime
        let emulator = try await PartnerCenterEmulator.start(configuration)
        do { try await body(emulator) } catch {
            try? await emulator.shutdown()
            throw error
        }
        try await emulator.shutdown()
    }

    /// Waits (by condition, not by time) until `callers` wait and the emulator holds the token request.
    static func waitUntil(_ tokens: TokenProvider, callers: Int, _ emulator: PartnerCenterEmulator) async throws {
        while true {
            let waiting = await tokens.waitingCallers
            let held = await emulator.state.heldTokenRequestCount()
            if waiting >= callers && held >= 1 { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Was `AuthIntegrationTests.tokensAreRefreshedAheadOfExpiry` (3 s tokens and a 2.8 s real
    /// sleep, flaky on a loaded machine): the same on a clock the test moves.
    @Test func tokensAreRefreshedAheadOfExpiry() async throws {
        try await Self.withEmulator(lifetime: .seconds(3)) { emulator in
            let clock = ManualClock()
            let tokens = Self.provider(emulator, clock: clock)
            let first = try await tokens.token()
            // v2 answers expires_in = 2 s: refreshed 10 % (0.2 s) ahead, at 1.8 s.
            clock.advance(by: .milliseconds(1700))
            #expect(try await tokens.token() == first)
            #expect(await emulator.state.tokenRequestCount() == 1)
            clock.advance(by: .milliseconds(200))
            #expect(try await tokens.token() != first)
            #expect(await emulator.state.tokenRequestCount() == 2)
        }
    }

    /// One caller giving up (its task cancelled) must not cancel the refresh the others wait for.
    @Test func cancelledWaiterLeavesTheSharedRefreshToTheOthers() async throws {
        try await Self.withEmulator { emulator in
            let tokens = Self.provider(emulator)
            await emulator.state.holdTokenRequests()
            let leaving = Task { try await tokens.token() }
            let staying = Task { try await tokens.token() }
            try await Self.waitUntil(tokens, callers: 2, emulator)
            leaving.cancel()
            // The cancelled caller stops waiting at once, while the refresh is still held.
            let left = await leaving.result
            #expect((try? left.get()) == nil)
            #expect(await tokens.waitingCallers == 1)
            await emulator.state.releaseTokenRequests()
            let token = try await staying.value
            #expect(!token.isEmpty)
            #expect(await emulator.state.tokenRequestCount() == 1)
        }
    }

    /// When the last caller gives up, the refresh is cancelled and the next caller starts anew.
    @Test func lastCancelledWaiterCancelsTheRefresh() async throws {
        try await Self.withEmulator { emulator in
            let tokens = Self.provider(emulator)
            await emulator.state.holdTokenRequests()
            let only = Task { try await tokens.token() }
            try await Self.waitUntil(tokens, callers: 1, emulator)
            only.cancel()
            #expect((try? await only.value) == nil)
            #expect(await tokens.waitingCallers == 0)
            await emulator.state.releaseTokenRequests()
            let next = try await tokens.token()
            #expect(!next.isEmpty)
        }
    }

    /// Entra ID rotates the refresh token and the superseded one stops working: a provider made
    /// after a restart must start from the kept token, not from the credential file.
    @Test func rotatedRefreshTokenSurvivesARestart() async throws {
        try await Self.withEmulator(rotating: true) { emulator in
            let store = MemoryRefreshTokenStore()
            _ = try await Self.provider(emulator, store: store).token()
            let kept = try #require(store.token)
            #expect(kept != emulator.configuration.credentials.refreshToken)
            // Restart without a store: the credential file's token was superseded.
            await #expect { try await Self.provider(emulator).token() } throws: { error in
                (error as? PartnerCenterError)?.code == "invalid_grant"
                    && (error as? PartnerCenterError)?.message.contains("AADSTS700082") == true
            }
            // Restart with the store: the kept token is used (and rotated again).
            _ = try await Self.provider(emulator, store: store).token()
            #expect(store.token != kept)
            #expect(await emulator.state.supersededRefreshTokenCount() == 2)
        }
    }

    /// An operator who renews consent replaces the credential: that token wins over the kept chain.
    @Test func replacedCredentialWinsOverTheKeptToken() async throws {
        try await Self.withEmulator(rotating: true) { emulator in
            let store = MemoryRefreshTokenStore()
            _ = try await Self.provider(emulator, store: store).token()
            let renewed = await emulator.state.grantConsent()
            #expect(store.newest(descendingFrom: renewed) == nil)
            _ = try await Self.provider(emulator, refreshToken: renewed, store: store).token()
            // The renewed credential was the one sent (and is now superseded by its rotation).
            #expect(store.newest(descendingFrom: renewed) != nil)
            #expect(store.newest(descendingFrom: emulator.configuration.credentials.refreshToken) == nil)
            #expect(await emulator.state.supersededRefreshTokenCount() == 2)
        }
    }
}
