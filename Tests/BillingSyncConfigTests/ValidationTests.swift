import Foundation
import Testing
@testable import BillingSyncConfig

@Suite("Validation messages")
struct ValidationTests {
    let credentials: TemporaryDirectory

    init() throws { credentials = try .withCredentials() }

    private func failure(_ extra: String) throws -> ConfigurationError {
        try #require(loadFailure(minimalTOML + extra, environment: credentials.environment))
    }

    @Test("a rate above Partner Center's documented 500 a minute is a warning naming the key and the limit")
    func rateAboveServiceLimitWarns() throws {
        let credentials = try TemporaryDirectory.withCredentials()
        let loader = ConfigurationLoader(environment: credentials.environment)
        let above = try loader.load(toml: minimalTOML + "[sync]\nrequests_per_minute = 5000\n", source: "r.toml")
        let warning = try #require(above.warnings.first)
        #expect(warning.key == "sync.requests_per_minute")
        #expect(warning.line == 8)
        #expect(warning.message.contains("500") && warning.message.contains("429"))
        let at = try loader.load(toml: minimalTOML + "[sync]\nrequests_per_minute = 500\n", source: "r.toml")
        #expect(at.warnings.isEmpty)
    }

    @Test("unknown key names the nearest valid key and its line")
    func unknownKeySuggestion() throws {
        let error = try failure("[sync]\npage_sise = 100\n")
        let issue = try #require(error.issue("sync.page_sise"))
        #expect(issue.kind == .unknownKey)
        #expect(issue.message == "unknown key; did you mean \"page_size\"?")
        #expect(issue.line == 8)
        #expect(error.description.contains("test.toml:8: sync.page_sise: unknown key; did you mean \"page_size\"?"))
    }

    @Test("unknown section is suggested too")
    func unknownSection() throws {
        let error = try failure("[synk]\npage_size = 100\n")
        let issue = try #require(error.issue("synk"))
        #expect(issue.kind == .unknownKey)
        #expect(issue.message.contains("did you mean \"sync\"?"))
        #expect(issue.line == 7)
    }

    @Test("wrong type says what was expected and what was found")
    func wrongType() throws {
        let error = try failure("[sync]\npage_size = \"abc\"\n")
        let issue = try #require(error.issue("sync.page_size"))
        #expect(issue.kind == .wrongType)
        #expect(issue.message == "expected an integer, got a string \"abc\"")
    }

    @Test("missing required keys are all reported")
    func missingKeys() throws {
        let error = try #require(loadFailure("[logging]\nlevel = \"info\"\n", environment: credentials.environment))
        #expect(error.issue("database.path")?.kind == .missingKey)
        #expect(error.issue("partner_center.tenant_id")?.kind == .missingKey)
        #expect(error.issue("partner_center.client_id")?.kind == .missingKey)
        #expect(error.issue("database.path")?.message == "missing required key")
    }

    @Test("out-of-range numbers give the bounds and the value")
    func outOfRange() throws {
        let error = try failure("[sync]\npage_size = 5000\nmax_concurrency = 0\n")
        #expect(error.issue("sync.page_size")?.kind == .outOfRange)
        #expect(error.description.contains("test.toml:8: sync.page_size: must be between 1 and 2000 (got 5000)"))
        #expect(error.issue("sync.max_concurrency")?.message == "must be between 1 and 64 (got 0)")
    }

    @Test("invalid enum lists the allowed values")
    func badEnum() throws {
        let error = try failure("[logging]\nlevel = \"verbose\"\n")
        let issue = try #require(error.issue("logging.level"))
        #expect(issue.kind == .invalidValue)
        #expect(issue.message.contains("\"verbose\""))
        #expect(issue.message.contains("\"trace\", \"debug\", \"info\", \"notice\", \"warning\", \"error\", \"critical\""))
    }

    @Test("invalid GUID is rejected")
    func badGUID() throws {
        let toml = minimalTOML.replacingOccurrences(of: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", with: "not-a-guid")
        let error = try #require(loadFailure(toml, environment: credentials.environment))
        let issue = try #require(error.issue("partner_center.client_id"))
        #expect(issue.kind == .invalidValue)
        #expect(issue.message.contains("not a valid GUID"))
        #expect(issue.line == 6)
    }

    @Test("plain http URLs are refused except on loopback")
    func httpURL() throws {
        let error = try failure("base_url = \"http://api.example.com\"\ntoken_url = \"http://127.0.0.1:8080/t/oauth2/v2.0/token\"\n")
        let issue = try #require(error.issue("partner_center.base_url"))
        #expect(issue.kind == .invalidValue)
        #expect(issue.message.contains("must use https"))
        #expect(error.issue("partner_center.token_url") == nil)
    }

    @Test("invalid durations are explained")
    func badDuration() throws {
        let error = try failure("[push]\nbackoff_initial = \"5 minutes\"\npoll_interval = \"0s\"\n")
        let issue = try #require(error.issue("push.backoff_initial"))
        #expect(issue.kind == .invalidValue)
        #expect(issue.message.hasPrefix("invalid duration \"5 minutes\""))
        #expect(error.issue("push.poll_interval")?.kind == .outOfRange)
    }

    @Test("TOML syntax errors carry the line number")
    func syntaxError() throws {
        let error = try failure("[sync]\npage_size = = 3\n")
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.kind == .syntax)
        #expect(issue.line == 8)
        #expect(error.description.hasPrefix("test.toml:8: syntax error:"))
    }

    @Test("all problems are reported at once, in file order")
    func collectsAll() throws {
        let error = try failure("""
            [sync]
            page_size = 0
            audit_feed = "yes"
            [metrics]
            listen = "0.0.0.0:9464"
            [azure]
            enabled = true
            billing_profiles = ["no-slash"]
            """)
        let keys = error.issues.map(\.key)
        #expect(keys == ["sync.page_size", "sync.audit_feed", "metrics.listen", "azure.billing_accounts", "azure.billing_profiles"]
            || keys == ["sync.page_size", "sync.audit_feed", "metrics.listen", "azure.billing_profiles", "azure.billing_accounts"])
        #expect(error.description.split(separator: "\n").count == 5)
        #expect(error.issue("metrics.listen")?.message.contains("not a loopback address") == true)
    }

    @Test("cross-field rule: backoff_max must not be below backoff_initial")
    func backoffOrder() throws {
        let error = try failure("[push]\nbackoff_initial = \"2m\"\nbackoff_max = \"30s\"\n")
        #expect(error.issue("push.backoff_max")?.kind == .outOfRange)
    }

    @Test("a section given as a plain value is a type error")
    func sectionNotTable() throws {
        let error = try #require(loadFailure("sync_extra = 1\n" + minimalTOML, environment: credentials.environment))
        #expect(error.issue("sync_extra")?.kind == .unknownKey)
        #expect(error.issue("sync_extra")?.line == 1)
        let wrong = try #require(loadFailure("sync = 3\n" + minimalTOML, environment: credentials.environment))
        #expect(wrong.issue("sync")?.message == "expected a table [sync], got an integer 3")
    }

    @Test("a missing file is reported, not crashed on")
    func missingFile() throws {
        do {
            _ = try ConfigurationLoader(environment: [:]).load(path: credentials.path + "/nope.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.sourcePath == credentials.path + "/nope.toml")
        }
    }
}
