import Foundation
import Testing
@testable import BillingSyncConfig

/// Fuzzed configurations never crash the loader (a crash would end this test process).
/// `BILLING_SYNC_CONFIG_FUZZ_COUNT` sets how many (CI: 5,000; issue 10 measured 100,000).
@Suite struct HeaderFuzzTests {
    static var count: Int {
        ProcessInfo.processInfo.environment["BILLING_SYNC_CONFIG_FUZZ_COUNT"].flatMap(Int.init) ?? 5_000
    }

    @Test func fuzzedHeadersKeysAndQuotesNeverCrash() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let base = try String(contentsOf: repositoryRoot.appendingPathComponent("config/billing-sync.toml"), encoding: .utf8)
            .replacingOccurrences(of: "client_secret_file = \"client_secret\"\n", with: "")
            .replacingOccurrences(of: "refresh_token_file = \"refresh_token\"\n", with: "")
        let loader = ConfigurationLoader(environment: credentials.environment)
        _ = try loader.load(toml: base, source: "base.toml")
        var mutator = HeaderKeyMutator(base: base, seed: 0x1010)
        var valid = 0, refused = 0, headerRefusals = 0
        for number in 0..<Self.count {
            do {
                _ = try loader.load(toml: mutator.mutate(), source: "fuzz-\(number).toml")
                valid += 1
            } catch {
                refused += 1
                if error.issues.first?.message.contains("table header must start") == true { headerRefusals += 1 }
                #expect(!error.issues.isEmpty && error.issues.allSatisfy { !$0.message.isEmpty })
            }
        }
        #expect(valid > 0 && refused > 0 && headerRefusals > 0)
        print("config-fuzz: inputs=\(Self.count) valid=\(valid) refused=\(refused) aborting_headers_refused=\(headerRefusals) crashes=0")
    }
}
