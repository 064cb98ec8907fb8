import BillingSyncConfig
import BillingSyncTesting
import Foundation
import PartnerCenterModels
import PartnerCenterEmulator
import Testing

@Suite("reliability: fuzzed configuration files")
struct ConfigFuzzTests {
    /// The shipped example with its secret files and database pointed into `folder`, so that the
    /// unmutated text loads.
    static func baseText(folder: String) throws -> String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var text = try String(contentsOf: repository.appendingPathComponent("config/billing-sync.toml"), encoding: .utf8)
        for name in ["client_secret", "refresh_token"] {
            let path = folder + "/" + name
            try "fuzz-\(name)".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            text = text.replacingOccurrences(of: "\(name)_file = \"\(name)\"", with: "\(name)_file = \"\(path)\"")
        }
        return text.replacingOccurrences(of: "/var/lib/billing-sync/billing-sync.sqlite", with: folder + "/fuzz.sqlite")
    }

    @Test("every mutation loads or fails with at least one issue naming the problem; never a crash")
    func mutatedConfigurations() throws {
        let scale = ReliabilityScale.current
        let folder = try EmulatedEnvironment.makeTemporaryFolder(prefix: "billing-sync-config-fuzz")
        let base = try Self.baseText(folder: folder)
        let loader = ConfigurationLoader(environment: [:])
        _ = try loader.load(toml: base, source: "base.toml")

        var mutator = ConfigMutator(rng: SeededGenerator(seed: 0xc0f1))
        var valid = 0, invalid = 0, nonUTF8 = 0, issueCount = 0
        for number in 0..<scale.configInputs {
            let bytes = mutator.mutate(base)
            let outcome: Result<LoadedConfiguration, ConfigurationError>
            if let text = String(validating: bytes, as: UTF8.self) {
                outcome = Result { () throws(ConfigurationError) in try loader.load(toml: text, source: "fuzz-\(number).toml") }
            } else {
                nonUTF8 += 1
                let path = folder + "/fuzz-\(number).toml"
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                outcome = Result { () throws(ConfigurationError) in try loader.load(path: path) }
            }
            switch outcome {
            case .success: valid += 1
            case .failure(let error):
                invalid += 1
                issueCount += error.issues.count
                #expect(!error.issues.isEmpty, "input \(number) failed without an issue")
                #expect(error.issues.allSatisfy { !$0.message.isEmpty }, "input \(number) has an issue without a message")
            }
        }
        #expect(valid + invalid == scale.configInputs)
        #expect(invalid > 0 && valid > 0, "the mutations should produce both valid and invalid files")
        print("reliability: config-fuzz inputs=\(scale.configInputs) valid=\(valid) invalid=\(invalid) "
              + "non_utf8=\(nonUTF8) issues=\(issueCount) crashes=0")
    }
}
