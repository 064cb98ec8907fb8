import BillingSyncConfig
import Foundation
import PartnerCenterEmulator

extension LoadedConfiguration {
    /// A configuration that talks to `emulator` (App+User through its refresh token), with fast
    /// push backoff and the emulator's own rate limit as the client's budget (when the emulator
    /// has none, the largest `requests_per_minute` allowed: a client that does not pace itself).
    public static func forEmulator(_ emulator: PartnerCenterEmulator, databasePath: String,
                                   adjust: (inout BillingSyncConfiguration) -> Void = { _ in }) -> LoadedConfiguration {
        let credentials = emulator.configuration.credentials
        var configuration = BillingSyncConfiguration.defaults(databasePath: databasePath,
                                                              tenantID: emulator.configuration.tenantID,
                                                              clientID: credentials.clientID)
        configuration.partnerCenter.baseURL = URL(string: emulator.baseURL)
        configuration.partnerCenter.tokenURL = URL(string: emulator.tokenURL)
        configuration.sync.requestsPerMinute = emulator.configuration.rateLimitPerMinute
            ?? SyncSettings.requestsPerMinuteRange.upperBound
        configuration.sync.maxConcurrency = 16
        configuration.push.backoffInitial = .milliseconds(50)
        configuration.push.backoffMax = .milliseconds(500)
        configuration.push.pollInterval = .milliseconds(200)
        adjust(&configuration)
        return LoadedConfiguration(configuration: configuration,
                                   clientSecret: Secret(credentials.clientSecret, origin: "emulator"),
                                   refreshToken: Secret(credentials.refreshToken, origin: "emulator"),
                                   warnings: [], sourcePath: "(emulator)")
    }
}
